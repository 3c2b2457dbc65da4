import Foundation

/// The evaluation stored with an engine-life model, on the standard FD001 protocol: the last cycle of each of the 100
/// test engines against NASA's true remaining cycles, beside the baselines.
public struct EngineLifeEvaluation: Codable, Sendable, Equatable {
    /// Errors of remaining-cycle predictions.
    public struct Errors: Codable, Sendable, Equatable {
        /// Against the true remaining cycles as given.
        public let rmse: Double
        /// Against the true values capped at the training cap (how most papers report FD001).
        public let rmseAgainstCapped: Double
        public let mae: Double
        /// The PHM08 challenge score: Σ e^(−d/13) − 1 for early predictions (d < 0), e^(d/10) − 1 for late ones; lower is better.
        public let phm08Score: Double

        public init(predicted: [Double], actual: [Double], cap: Double) {
            let capped = actual.map { min($0, cap) }
            func rootMeanSquare(_ truth: [Double]) -> Double {
                (zip(predicted, truth).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / Double(max(1, truth.count))).squareRoot()
            }
            rmse = rootMeanSquare(actual)
            rmseAgainstCapped = rootMeanSquare(capped)
            mae = zip(predicted, actual).map { abs($0 - $1) }.reduce(0, +) / Double(max(1, actual.count))
            phm08Score = zip(predicted, actual).map { predicted, actual in
                let d = predicted - actual
                return d < 0 ? exp(-d / 13) - 1 : exp(d / 10) - 1
            }.reduce(0, +)
        }
    }

    /// How often the interval held the truth, and how wide it was.
    public struct Coverage: Codable, Sendable, Equatable {
        public let level: Double
        public let covered: Double
        public let coveredAgainstCapped: Double
        public let meanWidth: Double
    }

    public struct Importance: Codable, Sendable, Equatable {
        public let feature: String
        public let meanAbsoluteContribution: Double
    }

    public struct Training: Codable, Sendable, Equatable {
        public let rounds: Int
        public let validationRmse: Double
        public let trainingEngines: Int
        public let heldOutEngines: Int
        public let seconds: Double
    }

    public let testEngines: Int
    public let cap: Int
    public let model: Errors
    /// The training engines' mean (capped) remaining cycles, predicted for every engine.
    public let trainingMean: Errors
    /// A booster on the cycles run alone: age without any sensor.
    public let cyclesOnly: Errors
    public let interval: Coverage
    /// The probability of failure within the horizon against whether the engine did (true remaining ≤ horizon).
    public let failureWithinHorizon: ClassifierMetrics
    public let horizon: Int
    public let importance: [Importance]
    public let training: Training
}
