import Foundation
import Hummingbird
import Prediction
import SkyportDomain

/// Forecasts of any series an operator brings (planning, demand, traffic):
///
/// - `POST /v1/forecasts` `{"timestamps": ["1949-01", ...], "values": [112, ...], "frequency": "monthly", "horizon": 12,
///   "level": 0.95}`: the method chosen by a rolling-origin backtest on the series, its forecast with intervals, and
///   every candidate's backtest beside seasonal naive's.
public struct ForecastsController: Sendable {
    let access: OperatorAccess

    public init(access: OperatorAccess) {
        self.access = access
    }

    /// Ten thousand values with their timestamps fit in well under 1 MiB.
    static let bodyLimit = 1 << 20

    public func register(on router: some RouterMethods<AppRequestContext>) {
        router.post("/v1/forecasts") { request, _ in
            _ = try await access.require(request)
            let series = try RequestJSON.decode(SeriesForecastRequest.self, from: try await PredictionsController.body(of: request, limit: Self.bodyLimit))
                .validated()
            return JSONResponse(try await SeriesForecast.computed(series))
        }
    }
}
