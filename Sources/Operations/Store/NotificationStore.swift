import SQLKit
import SkyportStore

/// A message queued to be worded.
struct QueuedNotification: Decodable {
    let id: String, disruption_id: String, level: String, order_id: String, customer_id: String?, language: String
}

/// A delivery due to be tried, with its message.
struct DueDelivery: Decodable {
    let id: String, channel: String, target: String, attempts: Int
    let notification_id: String, disruption_id: String, level: String, order_id: String, language: String
    let subject: String, body: String, content: String, created_at: Int64
}

/// Passengers' messages (`notifications`), their deliveries per channel (`notification_deliveries`) and every try
/// (`notification_attempts`), in the caller's transaction.
enum NotificationStore {
    // MARK: - Queue

    /// A message to queue.
    struct NewMessage {
        let id: String, disruptionID: String, level: String, orderID: String, customerID: String?, language: String, passengers: Int
    }

    /// Queues the messages, except those whose booking has one for the disruption and level; returns how many were new.
    static func queue(_ messages: [NewMessage], at now: Int64, on sql: any SQLDatabase) async throws -> Int {
        var queued = 0
        for chunk in messages.chunks(of: 500) {
            var insert = sql.insert(into: "notifications")
                .columns("id", "disruption_id", "level", "order_id", "customer_id", "language", "passengers", "status", "created_at")
            for message in chunk {
                insert = insert.values([message.id, message.disruptionID, message.level, message.orderID, message.customerID,
                                        message.language, message.passengers, "queued", now] as [any Encodable & Sendable])
            }
            queued += try await insert.ignoringConflicts(with: ["disruption_id", "level", "order_id"]).returning("id").all().count
        }
        return queued
    }

    /// The bookings told of each disruption of `disruptionIDs`, as (disruption, order) pairs.
    static func told(of disruptionIDs: [String], on sql: any SQLDatabase) async throws -> Set<[String]> {
        var told: Set<[String]> = []
        for chunk in disruptionIDs.chunks(of: 500) {
            for row in try await sql.raw("SELECT DISTINCT disruption_id, order_id FROM notifications WHERE disruption_id IN (\(binds: Array(chunk)))").all() {
                told.insert([try row.decode(column: "disruption_id", as: String.self), try row.decode(column: "order_id", as: String.self)])
            }
        }
        return told
    }

    // MARK: - Wording

    /// Up to `limit` queued messages, oldest first; with `skipLocked`, rows another instance holds are passed over.
    static func queued(limit: Int, skipLocked: Bool, on sql: any SQLDatabase) async throws -> [QueuedNotification] {
        try await sql.raw("""
            SELECT id, disruption_id, level, order_id, customer_id, language FROM notifications
            WHERE status = 'queued' ORDER BY created_at, id LIMIT \(bind: limit)\(unsafeRaw: skipLocked ? " FOR UPDATE SKIP LOCKED" : "")
            """).all(decoding: QueuedNotification.self)
    }

    /// Marks a message that has nothing left to say (its booking was rebooked or cancelled meanwhile).
    static func skip(_ id: String, at now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE notifications SET status = 'skipped', prepared_at = \(bind: now) WHERE id = \(bind: id)").run()
    }

    /// Stores a message's words.
    static func prepared(_ id: String, subject: String, body: String, content: String, at now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            UPDATE notifications SET status = 'prepared', subject = \(bind: subject), body = \(bind: body), content = \(bind: content),
                prepared_at = \(bind: now)
            WHERE id = \(bind: id)
            """).run()
    }

    // MARK: - Deliveries

    /// Creates a delivery of the message on one channel: done at once (the inbox, with its one try logged) or pending.
    static func createDelivery(id: String, notificationID: String, channel: String, target: String, delivered: Bool, at now: Int64,
                               on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO notification_deliveries (id, notification_id, channel, target, status, attempts, next_attempt_at, delivered_at, created_at)
            VALUES (\(bind: id), \(bind: notificationID), \(bind: channel), \(bind: target), \(bind: delivered ? "delivered" : "pending"),
                    \(bind: delivered ? 1 : 0), \(bind: now), \(bind: delivered ? now : nil), \(bind: now))
            """).run()
        if delivered {
            try await logAttempt(deliveryID: id, attempt: 1, at: now, outcome: .delivered, detail: "in the inbox", on: sql)
        }
    }

    /// Claims up to `limit` pending deliveries on `channels` due by `now` for `claimSeconds` (another instance passes
    /// them over meanwhile), oldest due first.
    static func claimDue(channels: [String], at now: Int64, limit: Int, claimSeconds: Int64, skipLocked: Bool,
                         on sql: any SQLDatabase) async throws -> [DueDelivery] {
        let rows = try await sql.raw("""
            SELECT d.id, d.channel, d.target, d.attempts, n.id AS notification_id, n.disruption_id, n.level, n.order_id, n.language,
                   n.subject, n.body, n.content, n.prepared_at AS created_at
            FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
            WHERE d.status = 'pending' AND d.next_attempt_at <= \(bind: now) AND d.channel IN (\(binds: channels))
            ORDER BY d.next_attempt_at, d.id LIMIT \(bind: limit)\(unsafeRaw: skipLocked ? " FOR UPDATE OF d SKIP LOCKED" : "")
            """).all(decoding: DueDelivery.self)
        if !rows.isEmpty {
            try await sql.raw("UPDATE notification_deliveries SET next_attempt_at = \(bind: now + claimSeconds) WHERE id IN (\(binds: rows.map(\.id)))").run()
        }
        return rows
    }

    static func delivered(_ id: String, attempt: Int, at now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            UPDATE notification_deliveries SET status = 'delivered', attempts = \(bind: attempt), delivered_at = \(bind: now), last_error = NULL
            WHERE id = \(bind: id)
            """).run()
    }

    /// Records a failed try: the delivery is tried again at `retryAt`, or is dead (nil).
    static func failed(_ id: String, attempt: Int, at now: Int64, retryAt: Int64?, error: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            UPDATE notification_deliveries SET status = \(bind: retryAt == nil ? "dead" : "pending"), attempts = \(bind: attempt),
                next_attempt_at = \(bind: retryAt ?? now), last_error = \(bind: String(error.prefix(500)))
            WHERE id = \(bind: id)
            """).run()
    }

    static func logAttempt(deliveryID: String, attempt: Int, at now: Int64, outcome: NotificationMessage.Delivery.Attempt.Outcome,
                           detail: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO notification_attempts (delivery_id, attempt, attempted_at, outcome, detail)
            VALUES (\(bind: deliveryID), \(bind: attempt), \(bind: now), \(bind: outcome.rawValue), \(bind: String(detail.prefix(500))))
            """).run()
    }
}
