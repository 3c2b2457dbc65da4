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
    /// Told of the risk of a cancellation, before any is declared (the cancellation-risk model).
    public let cancellationRisk: Bool
    /// The probability of cancellation in words (`40 %`), empty unless `cancellationRisk`.
    public let cancellationChance: String
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

extension NotificationContent {
    enum CodingKeys: String, CodingKey {
        case orderID, reference, greeting, passengers, flightID, flight, origin, destination, date, scheduledTime, expectedTime, delay,
             delayMinutes, cancelled, cancellationRisk, cancellationChance, predicted, level, reasons, alternatives, heldUntil, refundEligible,
             refundThresholdHours, link, hasReasons, hasAlternatives
    }

    /// Messages worded before cancellation risk existed have no `cancellationRisk` or `cancellationChance`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(orderID: try c.decode(String.self, forKey: .orderID), reference: try c.decode(String.self, forKey: .reference),
                  greeting: try c.decode(String.self, forKey: .greeting), passengers: try c.decode(String.self, forKey: .passengers),
                  flightID: try c.decode(String.self, forKey: .flightID), flight: try c.decode(String.self, forKey: .flight),
                  origin: try c.decode(String.self, forKey: .origin), destination: try c.decode(String.self, forKey: .destination),
                  date: try c.decode(String.self, forKey: .date), scheduledTime: try c.decode(String.self, forKey: .scheduledTime),
                  expectedTime: try c.decode(String.self, forKey: .expectedTime), delay: try c.decode(String.self, forKey: .delay),
                  delayMinutes: try c.decode(Int.self, forKey: .delayMinutes), cancelled: try c.decode(Bool.self, forKey: .cancelled),
                  cancellationRisk: try c.decodeIfPresent(Bool.self, forKey: .cancellationRisk) ?? false,
                  cancellationChance: try c.decodeIfPresent(String.self, forKey: .cancellationChance) ?? "",
                  predicted: try c.decode(Bool.self, forKey: .predicted), level: try c.decode(String.self, forKey: .level),
                  reasons: try c.decode(String.self, forKey: .reasons), alternatives: try c.decode([Alternative].self, forKey: .alternatives),
                  heldUntil: try c.decode(String.self, forKey: .heldUntil), refundEligible: try c.decode(Bool.self, forKey: .refundEligible),
                  refundThresholdHours: try c.decode(Int.self, forKey: .refundThresholdHours), link: try c.decode(String.self, forKey: .link),
                  hasReasons: try c.decode(Bool.self, forKey: .hasReasons), hasAlternatives: try c.decode(Bool.self, forKey: .hasAlternatives))
    }
}
