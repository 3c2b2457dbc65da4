/// One answer of the delay model.
public struct DelayPrediction: Codable, Sendable {
    public struct Model: Codable, Sendable {
        public let name: String
        public let version: Int
        public let id: String
        /// The alias the caller asked for, when it asked by alias.
        public let alias: String?

        public init(name: String, version: Int, id: String, alias: String?) {
            self.name = name
            self.version = version
            self.id = id
            self.alias = alias
        }
    }

    public struct Flight: Codable, Sendable {
        /// `schedule` (flights on sale) or `history` (the 2013 record); nil for explicit features.
        public let source: String?
        public let id: String?
        public let carrier: String?
        public let flightNumber: Int?
        public let origin: String?
        public let destination: String?
        public let scheduledDeparture: String?
    }

    public struct Reason: Codable, Sendable {
        public let feature: String
        public let value: Double
        public let phrase: String
        /// SHAP contribution to the log-odds of a delay.
        public let contribution: Double
    }

    public let model: Model
    public let flight: Flight
    /// The moment the features describe (scheduled departure minus the lead time, or now if that is later).
    public let featuresAsOf: String?
    public let leadTimeMinutes: Int?
    public let probabilityDelayed: Double
    public let delayThresholdMinutes: Int
    /// Whether the probability reaches the model's decision threshold.
    public let likelyDelayed: Bool
    public let decisionThreshold: Double
    /// Expected departure delay in minutes; nil for a model imported without its minutes part.
    public let expectedDelayMinutes: Double?
    /// The strongest reasons for a delay, strongest first.
    public let reasons: [Reason]
}
