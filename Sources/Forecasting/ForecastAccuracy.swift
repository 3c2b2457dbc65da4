import Foundation

/// How close a forecast came to what happened.
public struct ForecastAccuracy: Sendable, Codable, Equatable {
    /// Mean absolute percentage error, in percent; nil when an actual value is zero.
    public let mape: Double?
    /// Mean absolute scaled error: the mean absolute error over the training data's in-sample seasonal naive error.
    /// Below 1 beats that naive forecast; nil when the training data never changes from season to season.
    public let mase: Double?
    public let rmse: Double
    /// The share of actual values inside the prediction intervals.
    public let coverage: Double

    public init(mape: Double?, mase: Double?, rmse: Double, coverage: Double) {
        self.mape = mape
        self.mase = mase
        self.rmse = rmse
        self.coverage = coverage
    }

    /// The accuracy of `forecast` against `actual` (same length); `training` is what it was fitted on (MASE's scale).
    public static func measure(actual: [Double], forecast: [ForecastPoint], training: [Double], seasonLength: Int) -> ForecastAccuracy {
        precondition(actual.count == forecast.count && !actual.isEmpty, "one forecast per actual value")
        let errors = zip(actual, forecast).map { $0 - $1.value }
        let count = Double(actual.count)
        let meanAbsolute = errors.map(abs).reduce(0, +) / count
        let mape: Double? = actual.contains(0) ? nil : zip(errors, actual).map { abs($0 / $1) }.reduce(0, +) / count * 100
        let scale = SeasonalNaive.meanAbsoluteSeasonalError(training, seasonLength: seasonLength)
        let mase: Double? = scale > 0 && scale.isFinite ? meanAbsolute / scale : nil
        let rmse = sqrt(errors.map { $0 * $0 }.reduce(0, +) / count)
        let inside = zip(actual, forecast).filter { $0 >= $1.lower && $0 <= $1.upper }.count
        return ForecastAccuracy(mape: mape, mase: mase, rmse: rmse, coverage: Double(inside) / count)
    }

    /// The mean of several measurements (a backtest's origins); a figure is nil when any of them lacks it.
    static func mean(of all: [ForecastAccuracy]) -> ForecastAccuracy {
        let count = Double(all.count)
        func average(_ figures: [Double?]) -> Double? {
            figures.contains(where: { $0 == nil }) ? nil : figures.compactMap { $0 }.reduce(0, +) / count
        }
        return ForecastAccuracy(mape: average(all.map(\.mape)), mase: average(all.map(\.mase)),
                                rmse: all.map(\.rmse).reduce(0, +) / count, coverage: all.map(\.coverage).reduce(0, +) / count)
    }
}
