import Prometheus
import Foundation
import Hummingbird
import NIOCore
import Prediction
import SkyportDomain

/// Every model product's predictions, for operators: `{model}` is a product's name and the body is that product's
/// (an unknown one answers `404 unknown_model`).
///
/// - `POST /v1/predictions/{model}`: one prediction. The delay model: `{"flight_id": "...", "source": "schedule"|"history",
///   "model": "champion", "lead_time_minutes": 120}` or `{"features": {"hour_local": 17.5, "origin": "JFK", ...}, "model": "champion"}`.
/// - `POST /v1/predictions/{model}/batch`: many at once. The delay model: `{"from": ISO 8601, "to": ISO 8601, "source": "history",
///   "model": "champion", "explain": false}`.
public struct PredictionsController: Sendable {
    let catalog: ModelCatalog
    let access: OperatorAccess
    let metrics: SkyportMetrics

    public init(catalog: ModelCatalog, access: OperatorAccess, metrics: SkyportMetrics) {
        self.catalog = catalog
        self.access = access
        self.metrics = metrics
    }

    /// Prediction bodies may be larger than other requests: an engine's history is up to 2,000 cycles of 24 readings
    /// (about 0.5 MB), and a batch carries a fleet's.
    static let bodyLimit = 8 << 20

    public func register(on router: some RouterMethods<AppRequestContext>) {
        router.post("/v1/predictions/:model") { request, context in
            _ = try await access.require(request)
            let product = try catalog.require(try context.parameters.require("model"), field: nil)
            let served = try await product.predict(try await Self.body(of: request, limit: Self.bodyLimit))
            metrics.predictionsServed.increment(by: Int64(served.count))
            return JSONResponse(served)
        }

        router.post("/v1/predictions/:model/batch") { request, context in
            _ = try await access.require(request)
            let product = try catalog.require(try context.parameters.require("model"), field: nil)
            let served = try await product.predictBatch(try await Self.body(of: request, limit: Self.bodyLimit))
            metrics.predictionsServed.increment(by: Int64(served.count))
            return JSONResponse(served)
        }
    }

    /// Decodes with the field names as written (snake_case), so feature names reach the model untouched.
    static func decode<T: Decodable>(_ type: T.Type, _ request: Request, limit: Int = JSONBody.maximumBytes) async throws -> T {
        try RequestJSON.decode(type, from: try await body(of: request, limit: limit))
    }

    /// A JSON request's body (its content type checked), up to `limit` bytes.
    static func body(of request: Request, limit: Int = JSONBody.maximumBytes) async throws -> Data {
        try JSONBody.requireJSONContentType(request)
        return Data(try await JSONBody.collect(request, limit: limit).readableBytesView)
    }
}
