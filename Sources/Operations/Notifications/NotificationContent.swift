import SkyportDomain

/// What a disruption message says, kept with the message so the site and the API can show it as data
/// (the alternatives with their buttons) and the templates can word it in each language.
public struct NotificationContent: Sendable, Codable, Equatable {
    /// A later flight held for the booking.
    public struct Alternative: Sendable, Codable, Equatable {
        /// The hold: what accepting names.
        public let id: String
        public let flightID: String
        public let flight: String
        /// Local times at the origin and the destination, `2026-12-01 10:00`.
        public let departure: String
        public let arrival: String
        public let departsAt: UTCInstant
        public let heldUntil: UTCInstant
    }

    public let orderID: String
    public let reference: String
    public let greeting: String
    public let passengers: String
    public let flightID: String
    public let flight: String
    public let origin: String
    public let destination: String
    public let date: String
    public let scheduledTime: String
    public let expectedTime: String
    public let delay: String
    public let delayMinutes: Int
    public let cancelled: Bool
    /// Foreseen by the delay model rather than declared by operations.
    public let predicted: Bool
    public let level: String
    public let reasons: String
    public let alternatives: [Alternative]
    /// Local time at the origin until which the first alternative is held.
    public let heldUntil: String
    public let refundEligible: Bool
    public let refundThresholdHours: Int
    public let link: String
    /// Stored, not computed: templates see stored properties only.
    public let hasReasons: Bool
    public let hasAlternatives: Bool
}
