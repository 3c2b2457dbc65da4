import Foundation

/// Chooses a forecasting method for a series by a rolling-origin backtest on the data it is given, then fits the
/// chosen one on all of it.
public struct AutomaticForecaster: Sendable {
    public let seasonLength: Int
    /// The methods it chooses among; those a series cannot take (a logarithm of zero) are left out for it.
    public let candidates: [ForecastMethod]
    public let maximumOrigins: Int

    public init(seasonLength: Int, candidates: [ForecastMethod] = ForecastMethod.allCases, maximumOrigins: Int = 6) {
        self.seasonLength = seasonLength
        self.candidates = candidates
        self.maximumOrigins = maximumOrigins
    }

    /// The chosen method's forecast, and every candidate's backtest, best first.
    public struct Result: Sendable {
        public let method: ForecastMethod
        public let points: [ForecastPoint]
        public let backtest: [RollingOriginBacktest.Score]
    }

    /// Forecasts `horizon` steps after `values` (equally spaced, oldest first) with `level` intervals.
    public func forecast(_ values: [Double], horizon: Int, level: Double = 0.95) throws(ForecastingError) -> Result {
        if let index = values.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(index: index) }
        let positive = values.allSatisfy { $0 > 0 }
        var usable = candidates.filter { positive || !$0.needsPositiveValues }
        if !usable.contains(.seasonalNaive) { usable.insert(.seasonalNaive, at: 0) }
        // Methods the series is too short for (with room for one backtest origin) are left out, seasonal naive never.
        let backtest = RollingOriginBacktest(horizon: horizon, seasonLength: seasonLength, maximumOrigins: maximumOrigins)
        usable = usable.filter { $0 == .seasonalNaive || values.count - horizon >= $0.minimumLength(seasonLength: seasonLength) }
        let scores = try backtest.scores(of: usable, on: values, level: level).sorted(by: Self.better)
        let chosen = scores[0].method
        let points = try chosen.fit(values, seasonLength: seasonLength).forecast(horizon: horizon, level: level)
        return Result(method: chosen, points: points, backtest: scores)
    }

    /// Lower mean MASE first (then MAPE, then RMSE, for series where MASE is undefined).
    static func better(_ a: RollingOriginBacktest.Score, _ b: RollingOriginBacktest.Score) -> Bool {
        let left = a.accuracy.mase ?? a.accuracy.mape ?? a.accuracy.rmse
        let right = b.accuracy.mase ?? b.accuracy.mape ?? b.accuracy.rmse
        return left < right
    }
}
