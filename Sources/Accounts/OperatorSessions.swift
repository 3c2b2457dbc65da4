import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// The command center's sign-ins, kept in the database: a session is a random token whose SHA-256 is stored
/// with the operator and its end, so signing out ends it on every instance at once (a copied cookie stops
/// working), and revoking the operator's token ends all of theirs.
public struct OperatorSessions: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Opens a session for `operatorID` until `expiresAt`; returns its token (`sos_` + 64 hex digits).
    public func open(operatorID: String, now: Int64, expiresAt: Int64) async throws -> String {
        let token = SecretToken.make(prefix: "sos_")
        try await database.transaction { sql in
            try await sql.raw("DELETE FROM operator_sessions WHERE expires_at <= \(bind: now)").run()
            try await sql.raw("""
                INSERT INTO operator_sessions (token_hash, operator_id, created_at, expires_at)
                VALUES (\(bind: SecretToken.hash(token)), \(bind: operatorID), \(bind: now), \(bind: expiresAt))
                """).run()
        }
        return token
    }

    /// The operator of a live session: not ended, not expired, and the operator's token not revoked.
    public func signedIn(token: String, now: Int64) async throws -> Operator? {
        guard token.hasPrefix("sos_"), token.count == 68 else { return nil }
        return try await database.read { sql in
            try await sql.raw("""
                SELECT t.id, t.name, t.rights FROM operator_sessions s JOIN operator_tokens t ON t.id = s.operator_id
                WHERE s.token_hash = \(bind: SecretToken.hash(token)) AND s.expires_at > \(bind: now) AND t.revoked_at IS NULL
                """).first(decoding: Operator.self)
        }
    }

    /// Ends the session (nothing happens for an unknown token).
    public func close(token: String) async throws {
        try await database.transaction { sql in
            try await sql.raw("DELETE FROM operator_sessions WHERE token_hash = \(bind: SecretToken.hash(token))").run()
        }
    }
}
