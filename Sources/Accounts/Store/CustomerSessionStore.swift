import SQLKit
import SkyportStore

/// Signed-in customers' sessions (`customer_sessions`), by the hash of their token: a stolen database holds no
/// usable token.
enum CustomerSessionStore {
    /// Opens a session and drops the customer's expired ones.
    static func open(tokenHash: String, customerID: String, at now: Int64, expiresAt: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM customer_sessions WHERE customer_id = \(bind: customerID) AND expires_at <= \(bind: now)").run()
        try await sql.raw("""
            INSERT INTO customer_sessions (token_hash, customer_id, created_at, expires_at)
            VALUES (\(bind: tokenHash), \(bind: customerID), \(bind: now), \(bind: expiresAt))
            """).run()
    }

    /// The customer and expiry of a session still open at `now`.
    static func session(tokenHash: String, at now: Int64, on sql: any SQLDatabase) async throws -> (customerID: String, expiresAt: Int64)? {
        try await sql.raw("""
            SELECT customer_id, expires_at FROM customer_sessions WHERE token_hash = \(bind: tokenHash) AND expires_at > \(bind: now)
            """).first().map { (try $0.decode(column: "customer_id", as: String.self), try $0.decode(column: "expires_at", as: Int64.self)) }
    }

    static func close(tokenHash: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM customer_sessions WHERE token_hash = \(bind: tokenHash)").run()
    }
}
