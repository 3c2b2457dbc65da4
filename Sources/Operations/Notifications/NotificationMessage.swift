import SkyportDomain

/// A message as the inbox and operators see it, with its deliveries and, for operators, every try.
public struct NotificationMessage: Sendable, Codable, Equatable {
    public struct Delivery: Sendable, Codable, Equatable {
        public struct Attempt: Sendable, Codable, Equatable {
            public let attempt: Int
            public let attemptedAt: UTCInstant
            public let outcome: String
            public let detail: String?
        }

        public let id: String
        public let channel: String
        public let status: String
        public let attempts: Int
        public let nextAttemptAt: UTCInstant?
        public let deliveredAt: UTCInstant?
        public let lastError: String?
        /// Empty unless asked for.
        public var log: [Attempt]
    }

    public let id: String
    public let disruptionID: String
    public let level: String
    public let orderID: String
    public let language: String
    public let passengers: Int
    /// `queued`, `prepared` or `skipped` (the booking left the flight before it was worded).
    public let status: String
    public let subject: String?
    public let body: String?
    public let content: NotificationContent?
    public let createdAt: UTCInstant
    public let preparedAt: UTCInstant?
    public let readAt: UTCInstant?
    public var deliveries: [Delivery]
}
