import SkyportDomain

/// A message as the inbox and operators see it, with its deliveries and, for operators, every try.
public struct NotificationMessage: Sendable, Codable, Equatable {
    public struct Delivery: Sendable, Codable, Equatable {
        /// Waiting for its next try, delivered, or given up on (a dead letter until an operator retries it).
        public enum Status: String, Sendable, Codable {
            case pending, delivered, dead
        }

        public struct Attempt: Sendable, Codable, Equatable {
            /// What one try did.
            public enum Outcome: String, Sendable, Codable {
                case delivered, failed, dead
            }

            public let attempt: Int
            public let attemptedAt: UTCInstant
            public let outcome: Outcome
            public let detail: String?
        }

        public let id: String
        public let channel: String
        public let status: Status
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
    /// Queued, prepared (worded, in the inbox, its deliveries made), or skipped (the booking left the flight before it
    /// was worded).
    public enum Status: String, Sendable, Codable {
        case queued, prepared, skipped
    }

    public let status: Status
    public let subject: String?
    public let body: String?
    public let content: NotificationContent?
    public let createdAt: UTCInstant
    public let preparedAt: UTCInstant?
    public let readAt: UTCInstant?
    public var deliveries: [Delivery]
}
