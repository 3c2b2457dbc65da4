import Foundation
import Testing
@testable import Forecasting

@Suite struct AutomaticForecasterTests {
    /// The backtest sees only what it is given: a test window of garbage after the training part changes nothing
    /// when the caller holds it out, and every origin leaves a full horizon inside the training part.
    @Test func theBacktestNeverLooksAtTheTestWindow() throws {
        let training = Array(SeriesFixtures.airPassengers.prefix(120))
        let forecaster = AutomaticForecaster(seasonLength: 12)
        let clean = try forecaster.forecast(training, horizon: 12)
        for poison in [1e9, 0.001] {
            let poisoned = training + [Double](repeating: poison, count: 24)
            let heldOut = try forecaster.forecast(Array(poisoned.prefix(120)), horizon: 12)
            #expect(heldOut.method == clean.method)
            #expect(heldOut.backtest == clean.backtest)
            #expect(heldOut.points == clean.points)
        }
        let backtest = RollingOriginBacktest(horizon: 12, seasonLength: 12)
        for end in backtest.origins(count: training.count, minimumLength: 38) {
            #expect(end + 12 <= training.count)
        }
        #expect(backtest.origins(count: training.count, minimumLength: 38) == [108, 102, 96, 90, 84, 78])
    }

    @Test func everyCandidateIsScoredBesideSeasonalNaive() throws {
        let result = try AutomaticForecaster(seasonLength: 12).forecast(Array(SeriesFixtures.airPassengers.prefix(132)), horizon: 12)
        #expect(Set(result.backtest.map(\.method)) == Set(ForecastMethod.allCases))
        #expect(result.backtest.first?.method == result.method)
        #expect(result.method != .seasonalNaive)
        #expect(result.points.count == 12)
        #expect(result.backtest.allSatisfy { $0.origins == 6 })
    }

    @Test func seriesWithZerosLeaveOutTheMethodsThatNeedPositiveValues() throws {
        let series = SeriesFixtures.trendPlusSeason(months: 48).enumerated().map { $0.offset == 5 ? 0 : $0.element }
        let result = try AutomaticForecaster(seasonLength: 12).forecast(series, horizon: 6)
        #expect(Set(result.backtest.map(\.method)) == [.seasonalNaive, .seasonalMean, .airline])
    }

    @Test func refusesWhatItCannotForecast() {
        let forecaster = AutomaticForecaster(seasonLength: 12)
        #expect(throws: ForecastingError.tooShortToBacktest(count: 20, needed: 25)) {
            try forecaster.forecast(Array(SeriesFixtures.airPassengers.prefix(20)), horizon: 12)
        }
        #expect(throws: ForecastingError.nonFiniteValue(index: 3)) {
            try forecaster.forecast([1, 2, 3, .nan] + SeriesFixtures.airPassengers, horizon: 12)
        }
        #expect(throws: ForecastingError.needsPositiveValues(method: .holtWinters)) {
            try ForecastMethod.holtWinters.fit([-1] + SeriesFixtures.airPassengers, seasonLength: 12)
        }
    }

    /// MASE divides by the training data's mean absolute seasonal difference: here every season differs by 24 (two a
    /// month for twelve months), so an error of 12 everywhere is 0.5; MAPE and coverage are plain.
    @Test func accuracyFiguresHaveTheirTextbookMeaning() {
        let training = (0..<24).map { 100 + 2 * Double($0) }
        let actual: [Double] = [200, 100]
        let forecast = [ForecastPoint(value: 212, lower: 190, upper: 230), ForecastPoint(value: 88, lower: 101, upper: 110)]
        let accuracy = ForecastAccuracy.measure(actual: actual, forecast: forecast, training: training, seasonLength: 12)
        #expect(accuracy.mase == 0.5)
        #expect(abs(accuracy.mape! - 9.0) < 1e-12)
        #expect(accuracy.coverage == 0.5)
        #expect(accuracy.rmse == 12)
    }
}

@Suite struct SeasonalMeanTests {
    @Test func eachStepIsTheMeanOfTheSameDayOverTheLastFourWeeks() {
        // Five weeks: the first is left out; weeks two to five average to 10, 20, …, 70 day by day.
        let week = (1...7).map { Double($0) * 10 }
        let values = week.map { $0 + 100 } + week.map { $0 - 2 } + week.map { $0 + 2 } + week.map { $0 - 1 } + week.map { $0 + 1 }
        let fitted = SeasonalMean(values: values, seasonLength: 7)
        #expect(fitted.seasons == 4)
        let points = fitted.forecast(horizon: 9, level: 0.95)
        #expect(points.map(\.value) == week + week.prefix(2))
        #expect(points.allSatisfy { $0.lower < $0.value && $0.value < $0.upper })
        // A week further ahead is no narrower.
        #expect(points[7].upper - points[7].lower >= points[0].upper - points[0].lower)
    }

    @Test func aShortSeriesAveragesTheSeasonsItHas() {
        let values = [1.0, 2, 3, 5, 6, 7]
        let fitted = SeasonalMean(values: values, seasonLength: 3)
        #expect(fitted.seasons == 1)
        #expect(fitted.forecast(horizon: 3, level: 0.9).map(\.value) == [5, 6, 7])
    }
}
