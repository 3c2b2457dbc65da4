import Foundation
import Forecasting

/// How each method forecasts the last `holdout` periods of a series after being fitted on the rest, beside
/// seasonal naive, and what the automatic choice (a backtest on the rest only) picked.
public struct SeriesEvaluation: Sendable, Encodable {
    public struct Row: Sendable, Encodable {
        /// A method's name, or `automatic (<method>)` for the choice.
        public let method: String
        public let accuracy: ForecastAccuracy
    }

    public let series: String
    public let holdout: Int
    public let level: Double
    /// The automatic choice first, then each method, seasonal naive among them.
    public let rows: [Row]

    /// Fits on all but the last `holdout` values of `values` and measures on those.
    public static func measure(series: String, values: [Double], seasonLength: Int, holdout: Int, level: Double = 0.95) throws -> SeriesEvaluation {
        let training = Array(values.dropLast(holdout)), test = Array(values.suffix(holdout))
        func accuracy(_ points: [ForecastPoint]) -> ForecastAccuracy {
            .measure(actual: test, forecast: points, training: training, seasonLength: seasonLength)
        }
        let automatic = try AutomaticForecaster(seasonLength: seasonLength).forecast(training, horizon: holdout, level: level)
        var rows = [Row(method: "automatic (\(automatic.method.rawValue))", accuracy: accuracy(automatic.points))]
        for method in ForecastMethod.allCases {
            rows.append(Row(method: method.rawValue, accuracy: accuracy(try method.fit(training, seasonLength: seasonLength).forecast(horizon: holdout, level: level))))
        }
        return SeriesEvaluation(series: series, holdout: holdout, level: level, rows: rows)
    }

    /// A Markdown table: MAPE, MASE and interval coverage per method.
    public var markdown: String {
        func figure(_ value: Double?, digits: Int) -> String { value.map { String(format: "%.\(digits)f", $0) } ?? "–" }
        var lines = ["| \(series), last \(holdout) | MAPE % | MASE | RMSE | \(Int(level * 100)) % interval coverage |", "|---|---:|---:|---:|---:|"]
        for row in rows {
            lines.append("| \(row.method) | \(figure(row.accuracy.mape, digits: 2)) | \(figure(row.accuracy.mase, digits: 3)) | "
                         + "\(figure(row.accuracy.rmse, digits: 1)) | \(Int((row.accuracy.coverage * 100).rounded())) % |")
        }
        return lines.joined(separator: "\n")
    }
}
