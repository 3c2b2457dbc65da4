import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// Reads of the messages: a customer's or a booking's inbox, one message with its delivery log, the
/// dead letters, and operators' retries of them.
public struct PassengerMessages: Sendable {
    let database: any Database
    let now: @Sendable () -> Int64

    public init(database: any Database, now: @escaping @Sendable () -> Int64) {
        self.database = database
        self.now = now
    }

    /// The worded messages of a customer's bookings, newest first.
    public func inbox(customerID: String, limit: Int = 50) async throws -> [NotificationMessage] {
        try await messages(where: "n.customer_id = \(bind: customerID) AND n.status = 'prepared'", limit: limit)
    }

    /// The worded messages about one booking, newest first.
    public func inbox(orderID: String, limit: Int = 50) async throws -> [NotificationMessage] {
        try await messages(where: "n.order_id = \(bind: orderID) AND n.status = 'prepared'", limit: limit)
    }

    /// One message with its deliveries and their logs.
    public func message(id: String) async throws -> NotificationMessage? {
        guard var message = try await messages(where: "n.id = \(bind: id)", limit: 1).first else { return nil }
        let attempts = try await database.read { sql in
            try await sql.raw("""
                SELECT a.delivery_id, a.attempt, a.attempted_at, a.outcome, a.detail FROM notification_attempts a
                JOIN notification_deliveries d ON d.id = a.delivery_id WHERE d.notification_id = \(bind: id) ORDER BY a.id
                """).all(decoding: AttemptRow.self)
        }
        for index in message.deliveries.indices {
            message.deliveries[index].log = attempts.filter { $0.delivery_id == message.deliveries[index].id }.map(\.entry)
        }
        return message
    }

    /// Marks a message read (the customer opened it).
    public func markRead(id: String) async throws {
        try await database.transaction { sql in
            try await sql.raw("UPDATE notifications SET read_at = \(bind: now()) WHERE id = \(bind: id) AND read_at IS NULL").run()
        }
    }

    /// Deliveries that failed their last try, newest first.
    public func deadLetters(limit: Int = 100) async throws -> [DeadLetter] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT d.id, d.notification_id, d.channel, d.target, d.attempts, d.last_error, n.order_id, n.disruption_id, n.level
                FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
                WHERE d.status = 'dead' ORDER BY d.next_attempt_at DESC, d.id LIMIT \(bind: limit)
                """).all(decoding: DeadLetter.self)
        }
    }

    /// Puts a dead delivery back in line for a new series of tries; false when it is not dead.
    public func retry(deliveryID: String) async throws -> Bool {
        try await database.transaction { [now] sql in
            try await !sql.raw("""
                UPDATE notification_deliveries SET status = 'pending', attempts = 0, next_attempt_at = \(bind: now())
                WHERE id = \(bind: deliveryID) AND status = 'dead' RETURNING id
                """).all().isEmpty
        }
    }

    /// A delivery on the dead-letter list.
    public struct DeadLetter: Sendable, Codable, Equatable {
        public let id: String
        public let notification_id: String
        public let channel: String
        public let target: String
        public let attempts: Int
        public let last_error: String?
        public let order_id: String
        public let disruption_id: String
        public let level: String
    }

    // MARK: - Rows

    func messages(where condition: SQLQueryString, limit: Int) async throws -> [NotificationMessage] {
        try await database.read { sql in
            let rows = try await sql.raw("""
                SELECT n.id, n.disruption_id, n.level, n.order_id, n.language, n.passengers, n.status, n.subject, n.body, n.content,
                       n.created_at, n.prepared_at, n.read_at
                FROM notifications n WHERE \(condition) ORDER BY n.created_at DESC, n.id DESC LIMIT \(bind: limit)
                """).all(decoding: MessageRow.self)
            guard !rows.isEmpty else { return [] }
            let deliveries = try await sql.raw("""
                SELECT id, notification_id, channel, status, attempts, next_attempt_at, delivered_at, last_error
                FROM notification_deliveries WHERE notification_id IN (\(binds: rows.map(\.id))) ORDER BY created_at, id
                """).all(decoding: DeliveryRow.self)
            return rows.map { row in
                row.message(deliveries: deliveries.filter { $0.notification_id == row.id }.map(\.delivery))
            }
        }
    }

    struct MessageRow: Decodable {
        let id: String, disruption_id: String, level: String, order_id: String, language: String, passengers: Int
        let status: NotificationMessage.Status
        let subject: String?, body: String?, content: String?, created_at: Int64, prepared_at: Int64?, read_at: Int64?

        func message(deliveries: [NotificationMessage.Delivery]) -> NotificationMessage {
            NotificationMessage(
                id: id, disruptionID: disruption_id, level: level, orderID: order_id, language: language, passengers: passengers,
                status: status, subject: subject, body: body,
                content: content.flatMap { try? JSONDecoder().decode(NotificationContent.self, from: Data($0.utf8)) },
                createdAt: .init(created_at), preparedAt: prepared_at.map(UTCInstant.init), readAt: read_at.map(UTCInstant.init),
                deliveries: deliveries)
        }
    }

    struct DeliveryRow: Decodable {
        let id: String, notification_id: String, channel: String, status: NotificationMessage.Delivery.Status, attempts: Int, next_attempt_at: Int64
        let delivered_at: Int64?, last_error: String?

        var delivery: NotificationMessage.Delivery {
            .init(id: id, channel: channel, status: status, attempts: attempts,
                  nextAttemptAt: status == .pending ? .init(next_attempt_at) : nil, deliveredAt: delivered_at.map(UTCInstant.init),
                  lastError: last_error, log: [])
        }
    }

    struct AttemptRow: Decodable {
        let delivery_id: String, attempt: Int, attempted_at: Int64, outcome: NotificationMessage.Delivery.Attempt.Outcome, detail: String?

        var entry: NotificationMessage.Delivery.Attempt {
            .init(attempt: attempt, attemptedAt: .init(attempted_at), outcome: outcome, detail: detail)
        }
    }
}
