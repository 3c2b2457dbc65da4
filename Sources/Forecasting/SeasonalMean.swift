import Foundation

/// Each step is the mean of the same point of the season over the last `seasons` seasons: steadier than seasonal naive
/// where single seasons are noisy (a day's flights in one week), with no trend. Its intervals come from its own errors
/// on the data it was fitted on, at each number of seasons ahead.
struct SeasonalMean: FittedForecaster {
    let values: [Double]
    let seasonLength: Int
    static let seasons = 4

    var method: ForecastMethod { .seasonalMean }

    func forecast(horizon: Int, level: Double) -> [ForecastPoint] {
        let last = Array(values.suffix(Self.seasons * seasonLength))
        let means = (0..<horizon).map { step in
            stride(from: step % seasonLength, to: last.count, by: seasonLength).map { last[$0] }.reduce(0, +) / Double(Self.seasons)
        }
        var deviations: [Int: Double] = [:]
        return ErrorScale.absolute.points(means: means, deviations: (0..<horizon).map { step in
            let ahead = step / seasonLength
            if let known = deviations[ahead] { return known }
            let deviation = inSampleDeviation(seasonsAhead: ahead)
            deviations[ahead] = deviation
            return deviation
        }, level: level)
    }

    /// The root mean square error of this forecast made `seasonsAhead` whole seasons before each value it can be checked on.
    func inSampleDeviation(seasonsAhead: Int) -> Double {
        let first = (Self.seasons + seasonsAhead) * seasonLength
        guard first < values.count else { return 0 }
        var total = 0.0
        for index in first..<values.count {
            let mean = (1...Self.seasons).map { values[index - ($0 + seasonsAhead) * seasonLength] }.reduce(0, +) / Double(Self.seasons)
            total += (values[index] - mean) * (values[index] - mean)
        }
        return sqrt(total / Double(values.count - first))
    }
}
