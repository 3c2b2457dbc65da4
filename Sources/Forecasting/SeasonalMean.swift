import Foundation

/// Each step is the mean of the same point of the season over the last seasons (four, or as many as the data has
/// with one left to measure errors on): steadier than seasonal naive where single seasons are noisy (a day's flights
/// in one week), with no trend. Its intervals come from its own errors on the data it was fitted on, at each number of
/// seasons ahead.
struct SeasonalMean: FittedForecaster {
    let values: [Double]
    let seasonLength: Int
    /// How many seasons each step averages.
    let seasons: Int
    static let maximumSeasons = 4

    init(values: [Double], seasonLength: Int) {
        self.values = values
        self.seasonLength = seasonLength
        seasons = max(1, min(Self.maximumSeasons, values.count / seasonLength - 1))
    }

    var method: ForecastMethod { .seasonalMean }

    func forecast(horizon: Int, level: Double) -> [ForecastPoint] {
        let last = Array(values.suffix(seasons * seasonLength))
        let means = (0..<horizon).map { step in
            stride(from: step % seasonLength, to: last.count, by: seasonLength).map { last[$0] }.reduce(0, +) / Double(seasons)
        }
        var deviations: [Int: Double] = [:]
        return ErrorScale.absolute.points(means: means, deviations: (0..<horizon).map { step in
            let ahead = step / seasonLength
            if let known = deviations[ahead] { return known }
            let deviation = self.deviation(seasonsAhead: ahead)
            deviations[ahead] = deviation
            return deviation
        }, level: level)
    }

    /// The root mean square error of this forecast made `seasonsAhead` whole seasons before each value it can be checked
    /// on; beyond what the data can check, the farthest checked, growing as a random walk's.
    func deviation(seasonsAhead: Int) -> Double {
        let checkable = values.count / seasonLength - seasons - 1
        let ahead = min(seasonsAhead, max(0, checkable))
        let first = (seasons + ahead) * seasonLength
        guard first < values.count else { return 0 }
        var total = 0.0
        for index in first..<values.count {
            let mean = (1...seasons).map { values[index - ($0 + ahead) * seasonLength] }.reduce(0, +) / Double(seasons)
            total += (values[index] - mean) * (values[index] - mean)
        }
        return sqrt(total / Double(values.count - first)) * sqrt(Double(seasonsAhead + 1) / Double(ahead + 1))
    }
}
