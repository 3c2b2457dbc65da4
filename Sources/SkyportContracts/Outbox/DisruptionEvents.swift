/// `disruption.opened`, `disruption.level_changed` and `disruption.closed` (Operations): a flight's disruption
/// and the level it is at after the change.
public struct DisruptionChangedEvent: Codable, Sendable, Equatable {
    public let disruptionID: String
    public let flightID: String
    /// A level of the disruption policy (`watch`, `severe_delay`, …, `cancelled`).
    public let level: String
    public let kind: DisruptionKind

    public init(disruptionID: String, flightID: String, level: String, kind: DisruptionKind) {
        self.disruptionID = disruptionID
        self.flightID = flightID
        self.level = level
        self.kind = kind
    }

    enum CodingKeys: String, CodingKey {
        case disruptionID = "disruption_id", flightID = "flight_id", level, kind
    }
}

extension OutboxTopic where Payload == DisruptionChangedEvent {
    public static var disruptionOpened: Self { Self("disruption.opened") }
    public static var disruptionLevelChanged: Self { Self("disruption.level_changed") }
    public static var disruptionClosed: Self { Self("disruption.closed") }
}

/// What a disruption is about: a late departure, no departure at all, or the risk of none.
public enum DisruptionKind: String, Codable, Sendable, CaseIterable {
    case delay
    case cancellation
    /// Predicted by the cancellation-risk model, before any cancellation is declared.
    case cancellationRisk = "cancellation_risk"
}
