import Testing
@testable import Forecasting

@Suite struct HoltWintersTests {
    /// Six steps of additive Holt-Winters with a season of two, worked by hand:
    ///
    /// From level 13.5, trend 1, season (−4.5, 4.5) and weights α 0.5, β 0.2, γ 0.3, the first four values (10, 20,
    /// 12, 22) are forecast exactly. At step 5 the forecast is 18.5 − 4.5 = 14 against 15: the level becomes
    /// 0.5·(15 + 4.5) + 0.5·18.5 = 19, the trend 0.2·(19 − 17.5) + 0.8·1 = 1.1, the first season factor
    /// 0.3·(15 − 19) + 0.7·(−4.5) = −4.35. At step 6 the forecast is 19 + 1.1 + 4.5 = 24.6 against 24: the level becomes
    /// 0.5·(24 − 4.5) + 0.5·20.1 = 19.8, the trend 0.2·0.8 + 0.8·1.1 = 1.04, the second factor 0.3·4.2 + 0.7·4.5 = 4.41.
    /// The squared errors sum to 1 + 0.36; the next two forecasts are 19.8 + 1.04 − 4.35 and 19.8 + 2.08 + 4.41.
    @Test func additiveSmoothingMatchesAHandComputation() {
        let values: [Double] = [10, 20, 12, 22, 15, 24]
        let weights = HoltWinters.Weights(level: 0.5, trend: 0.2, season: 0.3)
        let start = HoltWinters.State(level: 13.5, trend: 1, season: [-4.5, 4.5])
        #expect(HoltWinters.initialState(Array(values.prefix(4)) + [14, 24], seasonLength: 2, seasonality: .additive) == start)

        let smoothed = HoltWinters.run(values, weights: weights, from: start, seasonality: .additive)
        #expect(abs(smoothed.squaredError - 1.36) < 1e-12)
        #expect(abs(smoothed.final.level - 19.8) < 1e-12)
        #expect(abs(smoothed.final.trend - 1.04) < 1e-12)
        #expect(abs(smoothed.final.season[0] - -4.35) < 1e-12 && abs(smoothed.final.season[1] - 4.41) < 1e-12)

        let model = HoltWinters(method: .holtWintersLog, seasonality: .additive, scale: .absolute, weights: weights,
                                final: smoothed.final, count: values.count, errorVariance: 0.68)
        let points = model.forecast(horizon: 2, level: 0.95)
        #expect(abs(points[0].value - 16.49) < 1e-12 && abs(points[1].value - 26.29) < 1e-12)
        // One step ahead the interval is the one-step error's: ±1.96 σ.
        #expect(abs((points[0].upper - points[0].value) - 1.959964 * 0.68.squareRoot()) < 1e-5)
        // Two ahead it widens by the level and trend weights: σ²(1 + (α(1 + β))²).
        #expect(abs((points[1].upper - points[1].value) - 1.959964 * (0.68 * (1 + 0.36)).squareRoot()) < 1e-5)
    }

    @Test(arguments: [ForecastMethod.holtWinters, .holtWintersLog])
    func recoversAKnownTrendAndSeason(method: ForecastMethod) throws {
        let series = SeriesFixtures.trendTimesSeason(months: 72)
        let truth = Array(SeriesFixtures.trendTimesSeason(months: 84).suffix(12))
        let points = try method.fit(series, seasonLength: 12).forecast(horizon: 12, level: 0.95)
        let accuracy = ForecastAccuracy.measure(actual: truth, forecast: points, training: series, seasonLength: 12)
        // The logarithm of trend × season is not exactly linear plus season, so it gets a looser bound.
        #expect(try #require(accuracy.mape) < (method == .holtWinters ? 0.05 : 1.0))
    }

    @Test func additiveSeasonIsRecoveredToo() throws {
        let series = SeriesFixtures.trendPlusSeason(months: 60)
        let fitted = HoltWinters.fit(series, seasonLength: 12, seasonality: .additive, method: .holtWintersLog, scale: .absolute)
        let truth = Array(SeriesFixtures.trendPlusSeason(months: 72).suffix(12))
        for (point, actual) in zip(fitted.forecast(horizon: 12, level: 0.9), truth) {
            #expect(abs(point.value - actual) < 1e-3)
        }
    }
}
