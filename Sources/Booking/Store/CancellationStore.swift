import SQLKit
import SkyportStore

/// A cancellation quote as stored (`order_cancellations`).
struct CancellationRow: Decodable {
    let id: String, order_id: String, status: CancellationView.Status, refund_amount: Int64, currency: String
    let created_at: Int64, expires_at: Int64, confirmed_at: Int64?
    /// 1 when the airline's disruption made the passenger give the trip up (everything is refunded).
    let involuntary: Int
}

/// Cancellation quotes and their confirmation, in the caller's transaction.
enum CancellationStore {
    static func insert(_ quote: CancellationRow, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO order_cancellations (id, order_id, status, refund_amount, currency, created_at, expires_at, involuntary)
            VALUES (\(bind: quote.id), \(bind: quote.order_id), \(bind: quote.status.rawValue), \(bind: quote.refund_amount), \(bind: quote.currency),
                    \(bind: quote.created_at), \(bind: quote.expires_at), \(bind: quote.involuntary))
            """).run()
    }

    static func quote(_ id: String, on sql: any SQLDatabase) async throws -> CancellationRow? {
        try await sql.raw("""
            SELECT id, order_id, status, refund_amount, currency, created_at, expires_at, confirmed_at, involuntary
            FROM order_cancellations WHERE id = \(bind: id)
            """).first(decoding: CancellationRow.self)
    }

    static func confirm(_ id: String, at now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE order_cancellations SET status = 'confirmed', confirmed_at = \(bind: now) WHERE id = \(bind: id)").run()
    }
}
