/// One answer of the cancellation-risk model about a departure.
public struct CancellationRiskPrediction: Codable, Sendable {
    public let model: DelayPrediction.Model
    public let flight: DelayPrediction.Flight
    /// The moment the features describe (scheduled departure minus the lead time, or now if that is later).
    public let featuresAsOf: String
    public let leadTimeMinutes: Int
    public let probabilityCancelled: Double
    /// Whether the probability reaches the model's decision threshold (best F1 on the validation period).
    public let likelyCancelled: Bool
    public let decisionThreshold: Double
    /// The strongest reasons for a cancellation (SHAP contributions to its log-odds), strongest first.
    public let reasons: [DelayPrediction.Reason]
}

/// The cancellation risk of every departure of a window.
public struct CancellationRiskScores: Codable, Sendable {
    public let model: DelayPrediction.Model
    public let count: Int
    public let likelyCancelled: Int
    public let predictions: [CancellationRiskPrediction]
}
