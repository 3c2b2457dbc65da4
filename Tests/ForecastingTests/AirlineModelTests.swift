import Foundation
import Testing
@testable import Forecasting

@Suite struct AirlineModelTests {
    /// statsmodels 0.15.0, `SARIMAX(log(y), order=(0,1,1), seasonal_order=(0,1,1,12), simple_differencing=True)`,
    /// maximum likelihood on the whole of Series G: θ −0.40181, Θ −0.55695, σ² 0.0013477. (Box and Jenkins reported
    /// θ ≈ −0.40 and Θ ≈ −0.61 by their own approximate method.)
    @Test func maximumLikelihoodMatchesAReference() {
        let model = AirlineModel.fit(SeriesFixtures.airPassengers.map { log($0) }, seasonLength: 12, method: .airlineLog, scale: .logarithm)
        #expect(abs(model.theta - -0.40181) < 5e-4)
        #expect(abs(model.seasonalTheta - -0.55695) < 5e-4)
        #expect(abs(model.variance - 0.0013477) < 2e-6)
    }

    /// The same reference on 1949–1959, and its forecast of January 1960: exp(6.03865) from statsmodels' full
    /// state-space forecast, 419.33 thousand.
    @Test func forecastMatchesTheReference() throws {
        let training = Array(SeriesFixtures.airPassengers.prefix(132))
        let model = try ForecastMethod.airlineLog.fit(training, seasonLength: 12)
        let airline = try #require(model as? AirlineModel)
        #expect(abs(airline.theta - -0.34845) < 5e-4 && abs(airline.seasonalTheta - -0.56227) < 5e-4)
        let first = model.forecast(horizon: 12, level: 0.95)[0]
        #expect(abs(first.value - 419.33) < 0.5)
        #expect(first.lower < first.value && first.value < first.upper)
    }

    /// A series whose seasonal and ordinary differences vanish is forecast exactly, whatever θ and Θ.
    @Test func aDeterministicTrendAndSeasonIsForecastExactly() throws {
        let series = SeriesFixtures.trendPlusSeason(months: 60)
        let truth = Array(SeriesFixtures.trendPlusSeason(months: 72).suffix(12))
        let model = AirlineModel(method: .airline, scale: .absolute, values: series, seasonLength: 12, theta: -0.3, seasonalTheta: -0.5, variance: 1)
        for (point, actual) in zip(model.forecast(horizon: 12, level: 0.8), truth) {
            #expect(abs(point.value - actual) < 1e-9)
        }
    }

    /// The innovations algorithm on an MA(1) with θ = 0.5: v₀ = 1 + θ² = 1.25, θ₁₁ = θ/v₀ = 0.4,
    /// v₁ = 1.25 − 0.4² · 1.25 = 1.05 (Brockwell and Davis, example 5.2.1, with σ² = 1).
    @Test func innovationsMatchTheTextbook() {
        let (coefficients, variances) = AirlineModel.innovations(movingAverage: [1, 0.5], count: 3)
        #expect(abs(variances[0] - 1.25) < 1e-12 && abs(variances[1] - 1.05) < 1e-12)
        #expect(abs(coefficients[1][1] - 0.4) < 1e-12)
        #expect(abs(coefficients[2][1] - 0.5 / 1.05) < 1e-12)
    }

    /// 95 % intervals of the airline model hold about 95 % of what a simulated airline process does next.
    @Test func intervalsCoverSimulatedOutcomes() throws {
        var random = SeriesFixtures.Seeded(state: 19)
        var inside = 0, total = 0
        for _ in 0..<40 {
            var shocks = (0..<110).map { _ in random.normal() }
            var values = [Double](repeating: 100, count: 13)
            for t in 13..<110 {
                let w = shocks[t] - 0.4 * shocks[t - 1] - 0.6 * shocks[t - 12] + 0.24 * shocks[t - 13]
                values.append(w + values[t - 1] + values[t - 12] - values[t - 13])
            }
            shocks.removeAll()
            let points = try ForecastMethod.airline.fit(Array(values.prefix(98)), seasonLength: 12).forecast(horizon: 12, level: 0.95)
            for (point, actual) in zip(points, values.suffix(12)) {
                total += 1
                if actual >= point.lower && actual <= point.upper { inside += 1 }
            }
        }
        let coverage = Double(inside) / Double(total)
        #expect(coverage > 0.88 && coverage < 0.99, "coverage \(coverage)")
    }
}

extension AirlineModelTests {
    /// Rows of the innovations algorithm stop being recomputed once they have settled for longer than a season;
    /// they pause within a season before moving again, so the result must equal the full recursion everywhere.
    @Test func settledInnovationsEqualTheFullRecursion() {
        let b = AirlineModel.movingAverage(theta: -0.17, seasonalTheta: -0.73, seasonLength: 12)
        let (coefficients, variances) = AirlineModel.innovations(movingAverage: b, count: 400)
        let order = b.count - 1
        let gamma = (0...order).map { lag in (0...(order - lag)).reduce(0.0) { $0 + b[$1] * b[$1 + lag] } }
        var full = [[Double]](repeating: [Double](repeating: 0, count: order + 1), count: 400), v = [Double](repeating: 0, count: 400)
        for n in 0..<400 {
            let first = max(0, n - order)
            for k in first..<n {
                var sum = n - k <= order ? gamma[n - k] : 0
                for j in first..<k { sum -= full[k][k - j] * full[n][n - j] * v[j] }
                full[n][n - k] = sum / v[k]
            }
            v[n] = gamma[0] - (first..<n).reduce(0.0) { $0 + full[n][n - $1] * full[n][n - $1] * v[$1] }
        }
        for n in 0..<400 {
            #expect(abs(variances[n] - v[n]) < 1e-10)
            #expect(zip(coefficients[n], full[n]).allSatisfy { abs($0 - $1) < 1e-10 })
        }
    }
}
