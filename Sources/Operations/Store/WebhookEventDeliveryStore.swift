import SQLKit
import SkyportDomain
import SkyportStore

/// One order event's delivery to one endpoint, as stored.
struct WebhookEventDeliveryRow: Decodable, Sendable {
    let id: String, endpoint_id: String, event_id: String, event_type: String, body: String, status: String, attempts: Int
    let next_attempt_at: Int64, last_result: String?, created_at: Int64, delivered_at: Int64?
}

/// Order events waiting for, or delivered to, each endpoint (`webhook_event_deliveries`), in the caller's transaction.
enum WebhookEventDeliveryStore {
    static let columns = "id, endpoint_id, event_id, event_type, body, status, attempts, next_attempt_at, last_result, created_at, delivered_at"

    /// Queues the event for the endpoint; an event already queued for it is kept as it is (a redelivered outbox row).
    static func enqueue(endpointID: String, eventID: String, type: String, body: String, at now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO webhook_event_deliveries (id, endpoint_id, event_id, event_type, body, status, next_attempt_at, created_at)
            VALUES (\(bind: Identifier.make(prefix: "wev")), \(bind: endpointID), \(bind: eventID), \(bind: type), \(bind: body), 'pending',
                    \(bind: now), \(bind: now))
            ON CONFLICT (endpoint_id, event_id) DO NOTHING
            """).run()
    }

    /// Claims the deliveries due now, oldest first, for `claimSeconds` (their next attempt moves past the claim, so
    /// that another instance, or this one after a crash, takes them only once it ran out); on PostgreSQL the rows are
    /// read with `SKIP LOCKED`, so that instances share them.
    static func claimDue(at now: Int64, limit: Int, claimSeconds: Int64, skipLocked: Bool, on sql: any SQLDatabase) async throws -> [WebhookEventDeliveryRow] {
        let due = try await sql.raw("""
            SELECT \(unsafeRaw: columns) FROM webhook_event_deliveries WHERE status = 'pending' AND next_attempt_at <= \(bind: now)
            ORDER BY next_attempt_at, created_at LIMIT \(bind: limit)\(unsafeRaw: skipLocked ? " FOR UPDATE SKIP LOCKED" : "")
            """).all(decoding: WebhookEventDeliveryRow.self)
        guard !due.isEmpty else { return [] }
        try await sql.raw("""
            UPDATE webhook_event_deliveries SET next_attempt_at = \(bind: now + claimSeconds) WHERE id IN (\(binds: due.map(\.id)))
            """).run()
        return due
    }

    /// Records an attempt: delivered, tried again at `retryAt`, or failed for good (nil `retryAt`).
    static func record(_ id: String, delivered: Bool, result: String, retryAt: Int64?, at now: Int64, on sql: any SQLDatabase) async throws {
        let status = delivered ? "delivered" : retryAt == nil ? "failed" : "pending"
        try await sql.raw("""
            UPDATE webhook_event_deliveries SET status = \(bind: status), attempts = attempts + 1, last_result = \(bind: String(result.prefix(500))),
                next_attempt_at = \(bind: retryAt ?? now), delivered_at = \(bind: delivered ? now : nil)
            WHERE id = \(bind: id)
            """).run()
    }

    /// The endpoint's latest deliveries, newest first.
    static func recent(endpointID: String, limit: Int, on sql: any SQLDatabase) async throws -> [WebhookEventDeliveryRow] {
        try await sql.raw("""
            SELECT \(unsafeRaw: columns) FROM webhook_event_deliveries WHERE endpoint_id = \(bind: endpointID)
            ORDER BY created_at DESC, id DESC LIMIT \(bind: limit)
            """).all(decoding: WebhookEventDeliveryRow.self)
    }
}
