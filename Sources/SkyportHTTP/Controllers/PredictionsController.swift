import Prometheus
import Foundation
import Hummingbird
import NIOCore
import Prediction
import SkyportDomain

/// The delay model's API, for operators.
///
/// - `POST /v1/predictions/delay`: `{"flight_id": "...", "source": "schedule"|"history", "model": "champion", "lead_time_minutes": 120}`
///   or `{"features": {"hour_local": 17.5, "origin": "JFK", ...}, "model": "champion"}`.
/// - `POST /v1/predictions/delay/batch`: `{"from": ISO 8601, "to": ISO 8601, "source": "history", "model": "champion", "explain": false}`.
public struct PredictionsController: Sendable {
    let predictor: DelayPredictor
    let access: OperatorAccess
    let metrics: SkyportMetrics

    public init(predictor: DelayPredictor, access: OperatorAccess, metrics: SkyportMetrics) {
        self.predictor = predictor
        self.access = access
        self.metrics = metrics
    }

    /// A JSON value of the explicit features, as it came.
    enum Scalar: Decodable {
        case number(Double)
        case string(String)
        case null
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let number = try? container.decode(Double.self) { self = .number(number) }
            else if let text = try? container.decode(String.self) { self = .string(text) }
            else { self = .other }
        }
    }

    struct DelayRequest: Decodable {
        let flight_id: String?
        let source: String?
        let model: String?
        let lead_time_minutes: Int?
        let features: [String: Scalar]?
    }

    struct BatchRequest: Decodable {
        let from: String?
        let to: String?
        let source: String?
        let model: String?
        let explain: Bool?
    }

    public func register(on router: some RouterMethods<AppRequestContext>) {
        router.post("/v1/predictions/delay") { request, context in
            _ = try await access.require(request)
            let input = try await Self.decode(DelayRequest.self, request)
            let model = input.model ?? "champion"
            let prediction: DelayPrediction
            if let features = input.features {
                guard input.flight_id == nil else {
                    throw ServiceError(.invalid, code: .ambiguousRequest, message: "Send either flight_id or features, not both.", field: "features")
                }
                prediction = try await predictor.predict(features: features.mapValues { scalar in
                    switch scalar {
                    case .number(let value): return .number(value)
                    case .string(let code): return .code(code)
                    case .null: return .missing
                    case .other: return .number(.nan)  // refused as a wrong type
                    }
                }, model: model)
            } else if let flightID = input.flight_id, !flightID.isEmpty {
                if let lead = input.lead_time_minutes, !(0...1440).contains(lead) {
                    throw ServiceError(.invalid, code: .invalidLeadTime, message: "lead_time_minutes must be 0 to 1440.", field: "lead_time_minutes")
                }
                prediction = try await predictor.predict(flightID: flightID, source: input.source ?? "schedule", model: model,
                                                         leadTimeMinutes: input.lead_time_minutes)
            } else {
                throw ServiceError(.invalid, code: .missingField, message: "Send flight_id (a flight on sale, or with source history a 2013 flight) or features.", field: "flight_id")
            }
            metrics.predictionsServed.increment()
            return JSONResponse(prediction)
        }

        router.post("/v1/predictions/delay/batch") { request, context in
            _ = try await access.require(request)
            let input = try await Self.decode(BatchRequest.self, request)
            guard let from = input.from.flatMap(Self.instant) else {
                throw ServiceError(.invalid, code: .invalidTime, message: "from must be an ISO 8601 time such as 2013-02-08T00:00:00Z.", field: "from")
            }
            guard let to = input.to.flatMap(Self.instant) else {
                throw ServiceError(.invalid, code: .invalidTime, message: "to must be an ISO 8601 time such as 2013-02-09T00:00:00Z.", field: "to")
            }
            guard to > from, to - from <= 31 * 86_400 else {
                throw ServiceError(.invalid, code: .invalidWindow, message: "The window must end after it starts and span at most 31 days.", field: "to")
            }
            let scores = try await predictor.score(scheduledFrom: from, to: to, source: input.source ?? "schedule",
                                                   model: input.model ?? "champion", explain: input.explain ?? false)
            metrics.predictionsServed.increment(by: Int64(scores.count))
            return JSONResponse(scores)
        }
    }

    /// Decodes with the field names as written (snake_case), so feature names reach the model untouched.
    static func decode<T: Decodable>(_ type: T.Type, _ request: Request, limit: Int = JSONBody.maximumBytes) async throws -> T {
        try JSONBody.requireJSONContentType(request)
        let buffer = try await JSONBody.collect(request, limit: limit)
        guard buffer.readableBytes > 0 else { throw ServiceError(.malformed, code: .emptyBody, message: "The request needs a JSON body.") }
        do {
            return try JSONDecoder().decode(type, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            switch error {
            case .typeMismatch(_, let context), .valueNotFound(_, let context):
                let field = context.codingPath.map(\.stringValue).joined(separator: ".")
                throw ServiceError(.invalid, code: .wrongType, message: "\(field) has the wrong type.", field: field)
            default:
                throw ServiceError(.malformed, code: .malformedJSON, message: "The body is not valid JSON.")
            }
        }
    }

    static func instant(_ text: String) -> Int64? {
        (try? Date(text, strategy: .iso8601)).map { Int64($0.timeIntervalSince1970) }
    }
}
