import SQLKit
import SkyportDomain
import SkyportStore

/// The `Idempotency-Key`s of order requests (`idempotency_keys`): which request body each was first used with and the
/// order it made.
enum IdempotencyKeyStore {
    /// Records the key for `orderID`; false when the key was recorded before.
    static func claim(_ key: String, requestHash: String, orderID: String, at now: Int64, on sql: any SQLDatabase) async throws -> Bool {
        !(try await sql.raw("""
            INSERT INTO idempotency_keys (idempotency_key, request_hash, order_id, created_at)
            VALUES (\(bind: key), \(bind: requestHash), \(bind: orderID), \(bind: now))
            ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key
            """).all().isEmpty)
    }

    /// Records the key, or answers true when a request with the same body recorded it before (a retry, to be answered
    /// without doing anything again); the same key with another body is refused.
    static func isRetry(_ key: String, requestHash: String, orderID: String, at now: Int64, on sql: any SQLDatabase) async throws -> Bool {
        if try await claim(key, requestHash: requestHash, orderID: orderID, at: now, on: sql) { return false }
        guard try await entry(key, on: sql)?.requestHash == requestHash else {
            throw ServiceError(.invalid, code: .idempotencyKeyReused, message: "This Idempotency-Key was used with a different request body.")
        }
        return true
    }

    /// The request body's hash and the order of a recorded key; nil when the key is unknown.
    static func entry(_ key: String, on sql: any SQLDatabase) async throws -> (requestHash: String, orderID: String)? {
        try await sql.raw("SELECT request_hash, order_id FROM idempotency_keys WHERE idempotency_key = \(bind: key)").first().map {
            (try $0.decode(column: "request_hash", as: String.self), try $0.decode(column: "order_id", as: String.self))
        }
    }
}
