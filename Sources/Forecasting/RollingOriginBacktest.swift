import Foundation

/// A rolling-origin backtest: each method is fitted on the data up to an origin and forecasts the `horizon` steps
/// after it, for several origins stepping back from the end of the data it is given. It only ever sees that data
/// (the training part): a caller holding out a test window passes the series without it.
public struct RollingOriginBacktest: Sendable {
    public let horizon: Int
    public let seasonLength: Int
    /// At most this many origins, the latest first.
    public let maximumOrigins: Int
    /// Steps between origins.
    public let step: Int

    public init(horizon: Int, seasonLength: Int, maximumOrigins: Int = 6, step: Int? = nil) {
        self.horizon = horizon
        self.seasonLength = seasonLength
        self.maximumOrigins = maximumOrigins
        self.step = step ?? max(1, seasonLength / 2)
    }

    /// One method's accuracy averaged over the origins.
    public struct Score: Sendable, Codable, Equatable {
        public let method: ForecastMethod
        public let origins: Int
        public let accuracy: ForecastAccuracy
    }

    /// The training lengths of the origins for a series of `count` steps, when every method fits on at least
    /// `minimumLength`: latest first.
    public func origins(count: Int, minimumLength: Int) -> [Int] {
        (0..<maximumOrigins).map { count - horizon - $0 * step }.filter { $0 >= minimumLength }
    }

    /// Each method's score over the same origins of `training`, at interval `level`.
    public func scores(of methods: [ForecastMethod], on training: [Double], level: Double) throws(ForecastingError) -> [Score] {
        let minimumLength = methods.map { $0.minimumLength(seasonLength: seasonLength) }.max() ?? 0
        let ends = origins(count: training.count, minimumLength: minimumLength)
        guard !ends.isEmpty else {
            throw .tooShortToBacktest(count: training.count, needed: minimumLength + horizon)
        }
        var scores: [Score] = []
        for method in methods {
            var measured: [ForecastAccuracy] = []
            for end in ends {
                let fitted = Array(training[..<end])
                let points = try method.fit(fitted, seasonLength: seasonLength).forecast(horizon: horizon, level: level)
                measured.append(.measure(actual: Array(training[end..<(end + horizon)]), forecast: points,
                                         training: fitted, seasonLength: seasonLength))
            }
            scores.append(Score(method: method, origins: ends.count, accuracy: .mean(of: measured)))
        }
        return scores
    }
}
