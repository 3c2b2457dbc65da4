import SkyportContracts
import SkyportDomain

/// What a passenger of a disrupted booking can do now: the alternatives held for them and whether they may
/// take their money back.
public struct RebookingOptions: Sendable, Codable, Equatable {
    public let orderID: String
    public let disruptionID: String
    public let flightID: String
    public let kind: DisruptionKind
    public let level: String
    public let expectedDeparture: UTCInstant
    public let expectedDelayMinutes: Int
    public let alternatives: [NotificationContent.Alternative]
    /// Local time at the origin until which the alternatives are held (`2026-12-01 07:00`); empty without any.
    public let heldUntil: String
    /// Seats were held for the booking and the hold ran out (as opposed to later flights having no room).
    public let holdsReleased: Bool
    public let refundEligible: Bool
}
