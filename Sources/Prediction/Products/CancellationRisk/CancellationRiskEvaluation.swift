/// The evaluation stored with a cancellation-risk model: at each lead time, every metric on the held-out period beside
/// its baselines on the same departures, and which features carried the prediction.
public struct CancellationRiskEvaluation: Codable, Sendable, Equatable {
    /// The model and its baselines on the test departures, read at one lead time.
    public struct AtLeadTime: Codable, Sendable, Equatable {
        public let leadTimeMinutes: Int
        public let model: ClassifierMetrics
        /// The training period's cancelled share, predicted for every departure.
        public let priorRate: ClassifierMetrics
        /// A model on the schedule features only.
        public let scheduleOnly: ClassifierMetrics
        /// A model on the schedule and the origin's weather (no operations, no recent history, no cancellation waves).
        public let scheduleAndWeather: ClassifierMetrics
    }

    public struct Importance: Codable, Sendable, Equatable {
        public let feature: String
        public let meanAbsoluteContribution: Double
    }

    public struct Training: Codable, Sendable, Equatable {
        public let rounds: Int
        public let validationLogLoss: Double
        public let seconds: Double
    }

    public let period: TrainingPeriod
    public let leadTimes: [AtLeadTime]
    /// Mean |SHAP| on the test period (every lead time), largest first.
    public let importance: [Importance]
    public let training: Training
}
