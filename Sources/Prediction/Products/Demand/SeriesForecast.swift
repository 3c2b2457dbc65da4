import Foundation
import Forecasting
import NIOPosix
import SkyportDomain

/// A forecast of a series with its intervals, the method chosen, and every candidate's backtest beside seasonal
/// naive's: the answer of `POST /v1/forecasts`.
public struct SeriesForecast: Sendable, Encodable {
    public struct Point: Sendable, Encodable {
        public let timestamp: String
        public let value: Double
        public let lower: Double
        public let upper: Double
    }

    /// One method's rolling-origin backtest on the series given.
    public struct BacktestRow: Sendable, Encodable {
        public let method: String
        public let mape: Double?
        public let mase: Double?
        public let rmse: Double
        public let coverage: Double
    }

    public struct Backtest: Sendable, Encodable {
        /// Forecast origins, each `horizon` periods from the end of what it was fitted on, the latest first.
        public let origins: Int
        public let horizon: Int
        /// Every candidate, best (lowest MASE) first.
        public let methods: [BacktestRow]
    }

    public let frequency: String
    public let horizon: Int
    public let level: Double
    public let method: String
    public let forecast: [Point]
    public let backtest: Backtest
    /// Seasonal naive's row of the backtest: the baseline the chosen method is measured against.
    public let seasonalNaive: BacktestRow

    enum CodingKeys: String, CodingKey {
        case frequency, horizon, level, method, forecast, backtest
        case seasonalNaive = "seasonal_naive"
    }

    /// Chooses a method by backtest on `series` and forecasts with it.
    public static func make(_ series: ValidatedSeries) throws -> SeriesForecast {
        let result: AutomaticForecaster.Result
        do {
            result = try AutomaticForecaster(seasonLength: series.frequency.seasonLength).forecast(series.values, horizon: series.horizon, level: series.level)
        } catch .tooShortToBacktest(let count, let needed) {
            throw ServiceError(.invalid, code: .seriesTooShort,
                               message: "\(count) values cannot backtest a forecast of \(series.horizon) \(series.frequency.rawValue) periods: give at least \(needed).",
                               field: "values")
        } catch {
            throw ServiceError(.invalid, code: .invalidSeries, message: "The series cannot be forecast: \(error).", field: "values")
        }
        let rows = result.backtest.map { score in
            BacktestRow(method: score.method.rawValue, mape: score.accuracy.mape, mase: score.accuracy.mase,
                        rmse: score.accuracy.rmse, coverage: score.accuracy.coverage)
        }
        let last = series.dates.last!
        return SeriesForecast(
            frequency: series.frequency.rawValue, horizon: series.horizon, level: series.level, method: result.method.rawValue,
            forecast: result.points.enumerated().map { step, point in
                Point(timestamp: series.frequency.label(series.frequency.advance(last, by: step + 1)),
                      value: point.value, lower: point.lower, upper: point.upper)
            },
            backtest: Backtest(origins: result.backtest.first?.origins ?? 0, horizon: series.horizon, methods: rows),
            seasonalNaive: rows.first { $0.method == ForecastMethod.seasonalNaive.rawValue }!)
    }
}

extension SeriesForecast {
    /// `make` on a thread of its own: fitting every candidate at several origins is CPU work that would hold up the
    /// server's cooperative threads.
    public static func computed(_ series: ValidatedSeries) async throws -> SeriesForecast {
        try await NIOThreadPool.singleton.runIfActive { try make(series) }
    }
}
