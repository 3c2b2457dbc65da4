/// The evaluation stored with a trained delay model: every metric on the held-out test period beside its
/// baselines on the same rows, and which features carried the prediction.
public struct DelayModelEvaluation: Codable, Sendable, Equatable {
    public struct Classifier: Codable, Sendable, Equatable {
        public let model: ClassifierMetrics
        /// The same model where no departures are recorded (an airport without a departures feed).
        public let modelWithoutDepartures: ClassifierMetrics
        /// The training period's delayed share, predicted for every departure.
        public let priorRate: ClassifierMetrics
        /// A model on the schedule features only.
        public let scheduleOnly: ClassifierMetrics
        /// A model on the schedule and origin weather only (no operations, no recent history).
        public let scheduleAndWeather: ClassifierMetrics
    }

    public struct Minutes: Codable, Sendable, Equatable {
        public let model: RegressionMetrics
        /// The training period's median delay (capped at zero below), predicted for every departure.
        public let median: RegressionMetrics
        /// A regressor on the schedule features only.
        public let scheduleOnly: RegressionMetrics
    }

    public struct Importance: Codable, Sendable, Equatable {
        public let feature: String
        public let meanAbsoluteContribution: Double
    }

    public struct Training: Codable, Sendable, Equatable {
        public let classifierRounds: Int
        public let minutesRounds: Int
        public let validationLogLoss: Double
        public let validationRmse: Double
        public let seconds: Double
    }

    public let period: TrainingConfiguration.Period
    public let classifier: Classifier
    public let minutes: Minutes
    /// Mean |SHAP| on the test period, largest first: which features the classifier leaned on.
    public let importance: [Importance]
    /// The delayed share per feature family model, to say which family carried the gain.
    public let training: Training
}
