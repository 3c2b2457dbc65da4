import Foundation

/// The seasonal naive forecast: each step repeats the last observed value of the same season. Its errors grow with
/// each season ahead (a random walk from season to season).
struct SeasonalNaive: FittedForecaster {
    let values: [Double]
    let seasonLength: Int

    var method: ForecastMethod { .seasonalNaive }

    /// The mean absolute in-sample error of the seasonal naive forecast: MASE's scale.
    static func meanAbsoluteSeasonalError(_ values: [Double], seasonLength: Int) -> Double {
        guard values.count > seasonLength else { return .nan }
        let errors = (seasonLength..<values.count).map { abs(values[$0] - values[$0 - seasonLength]) }
        return errors.reduce(0, +) / Double(errors.count)
    }

    func forecast(horizon: Int, level: Double) -> [ForecastPoint] {
        let differences = (seasonLength..<values.count).map { values[$0] - values[$0 - seasonLength] }
        let variance = differences.map { $0 * $0 }.reduce(0, +) / Double(max(1, differences.count))
        let lastSeason = Array(values.suffix(seasonLength))
        let means = (0..<horizon).map { lastSeason[$0 % seasonLength] }
        let deviations = (0..<horizon).map { sqrt(variance * Double($0 / seasonLength + 1)) }
        return ErrorScale.absolute.points(means: means, deviations: deviations, level: level)
    }
}
