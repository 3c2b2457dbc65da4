import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// Reading messages back: inboxes, one message's delivery log, the dead letters; and operators' retries.
extension NotificationStore {
    static func attempts(ofNotification id: String, on sql: any SQLDatabase) async throws -> [AttemptRow] {
        try await sql.raw("""
            SELECT a.delivery_id, a.attempt, a.attempted_at, a.outcome, a.detail FROM notification_attempts a
            JOIN notification_deliveries d ON d.id = a.delivery_id WHERE d.notification_id = \(bind: id) ORDER BY a.id
            """).all(decoding: AttemptRow.self)
    }

    /// A worded message of a disruption with one of its deliveries (none yet: nil channel).
    struct ToldDelivery: Decodable {
        let id: String, order_id: String, level: String, prepared_at: Int64?, channel: String?, status: String?
    }

    /// The disruption's worded messages, oldest first, one row per delivery.
    static func toldDeliveries(ofDisruption id: String, on sql: any SQLDatabase) async throws -> [ToldDelivery] {
        try await sql.raw("""
            SELECT n.id, n.order_id, n.level, n.prepared_at, d.channel, d.status
            FROM notifications n LEFT JOIN notification_deliveries d ON d.notification_id = n.id
            WHERE n.disruption_id = \(bind: id) AND n.status = 'prepared' ORDER BY n.created_at, n.id
            """).all(decoding: ToldDelivery.self)
    }

    /// Messages worded in `(after, upTo]`, oldest first: their booking, disruption and level.
    static func prepared(after: Int64, upTo: Int64, on sql: any SQLDatabase) async throws -> [(orderID: String, disruptionID: String, level: String)] {
        try await sql.raw("""
            SELECT order_id, disruption_id, level FROM notifications
            WHERE status = 'prepared' AND prepared_at > \(bind: after) AND prepared_at <= \(bind: upTo) ORDER BY prepared_at, id
            """).all().map {
            (try $0.decode(column: "order_id", as: String.self), try $0.decode(column: "disruption_id", as: String.self),
             try $0.decode(column: "level", as: String.self))
        }
    }

    /// How many messages were worded and for how many passengers; deliveries by `channel/status`.
    static func totals(on sql: any SQLDatabase) async throws -> (messages: Int, passengers: Int, deliveries: [String: Int]) {
        let messages = try await sql.count("SELECT COUNT(*) AS n FROM notifications WHERE status = 'prepared'")
        let passengers = try await sql.count("SELECT COALESCE(SUM(passengers), 0) AS n FROM notifications WHERE status = 'prepared'")
        var deliveries: [String: Int] = [:]
        for row in try await sql.raw("SELECT channel, status, COUNT(*) AS n FROM notification_deliveries GROUP BY channel, status").all() {
            deliveries["\(try row.decode(column: "channel", as: String.self))/\(try row.decode(column: "status", as: String.self))"] =
                try row.decode(column: "n", as: Int.self)
        }
        return (messages, passengers, deliveries)
    }

    /// What the booking's latest worded message about the disruption said.
    static func latestContent(orderID: String, disruptionID: String, on sql: any SQLDatabase) async throws -> NotificationContent? {
        try await sql.raw("""
            SELECT content FROM notifications WHERE order_id = \(bind: orderID) AND disruption_id = \(bind: disruptionID)
              AND status = 'prepared' ORDER BY created_at DESC LIMIT 1
            """).first()?.decode(column: "content", as: String?.self)
            .flatMap { try? JSONDecoder().decode(NotificationContent.self, from: Data($0.utf8)) }
    }

    static func markRead(_ id: String, at now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE notifications SET read_at = \(bind: now) WHERE id = \(bind: id) AND read_at IS NULL").run()
    }

    /// Deliveries that failed their last try, newest first.
    static func deadLetters(limit: Int, on sql: any SQLDatabase) async throws -> [PassengerMessages.DeadLetter] {
        try await sql.raw("""
            SELECT d.id, d.notification_id, d.channel, d.target, d.attempts, d.last_error, n.order_id, n.disruption_id, n.level
            FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
            WHERE d.status = 'dead' ORDER BY d.next_attempt_at DESC, d.id LIMIT \(bind: limit)
            """).all(decoding: PassengerMessages.DeadLetter.self)
    }

    /// Puts a dead delivery back in line; false when it is not dead.
    static func retry(deliveryID: String, at now: Int64, on sql: any SQLDatabase) async throws -> Bool {
        try await !sql.raw("""
            UPDATE notification_deliveries SET status = 'pending', attempts = 0, next_attempt_at = \(bind: now)
            WHERE id = \(bind: deliveryID) AND status = 'dead' RETURNING id
            """).all().isEmpty
    }

    /// Which messages to read.
    enum Selection {
        /// The worded messages of a customer's bookings, or of one booking.
        case preparedForCustomer(String), preparedForOrder(String)
        /// One message in any state.
        case id(String)
    }

    /// The selected messages with their deliveries, newest first.
    static func messages(_ selection: Selection, limit: Int, on sql: any SQLDatabase) async throws -> [NotificationMessage] {
        let condition: SQLQueryString = switch selection {
        case .preparedForCustomer(let id): "n.customer_id = \(bind: id) AND n.status = 'prepared'"
        case .preparedForOrder(let id): "n.order_id = \(bind: id) AND n.status = 'prepared'"
        case .id(let id): "n.id = \(bind: id)"
        }
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
