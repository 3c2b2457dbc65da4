/// One answer of the engine-life model about an engine after its latest cycle.
public struct EngineLifePrediction: Codable, Sendable {
    public struct Interval: Codable, Sendable {
        public let lower: Double
        public let upper: Double
        /// The share of engines whose remaining cycles fall inside (split-conformal on held-out engines).
        public let level: Double
    }

    public struct Reason: Codable, Sendable {
        public let feature: String
        public let value: Double
        public let phrase: String
        /// SHAP contribution in cycles (negative: brings the failure closer).
        public let contribution: Double
    }

    public let model: DelayPrediction.Model
    public let engine: String
    public let cyclesRun: Int
    public let remainingCycles: Double
    public let interval: Interval
    public let failureHorizonCycles: Int
    public let probabilityFailureWithinHorizon: Double
    /// What brings its failure closer, strongest first.
    public let reasons: [Reason]
}

/// Phrases for the features that brought an engine's failure closer.
enum EngineReasons {
    static func phrase(_ feature: EngineFeature, value: Float) -> String {
        guard let sensor = feature.sensor, let statistic = feature.statistic else { return "\(Int(value)) cycles run" }
        let v = Double(value)
        switch statistic {
        case .mean5: return "\(sensor.title) at \(format(v)) (mean of the last 5 cycles)"
        case .changeSinceStart: return "\(sensor.title) \(v >= 0 ? "up" : "down") \(format(abs(v))) since its first cycles"
        case .slope10: return "\(sensor.title) \(v >= 0 ? "rising" : "falling") over the last 10 cycles"
        case .slope30: return "\(sensor.title) \(v >= 0 ? "rising" : "falling") for 30 cycles"
        }
    }

    static func format(_ value: Double) -> String {
        abs(value) >= 100 ? String(Int(value.rounded())) : abs(value) >= 1 ? String((value * 100).rounded() / 100) : String((value * 10_000).rounded() / 10_000)
    }
}
