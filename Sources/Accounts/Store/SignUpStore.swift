import SQLKit
import SkyportStore

/// Sign-ups waiting for their emailed link (`customer_sign_ups`), by the hash of the link's token.
enum SignUpStore {
    /// Keeps a sign-up until `expiresAt` and drops the expired ones.
    static func insert(tokenHash: String, email: String, givenName: String, familyName: String, language: String?, returnPath: String,
                       at now: Int64, expiresAt: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM customer_sign_ups WHERE expires_at <= \(bind: now)").run()
        try await sql.raw("""
            INSERT INTO customer_sign_ups (token_hash, email, given_name, family_name, preferred_language, return_path, created_at, expires_at)
            VALUES (\(bind: tokenHash), \(bind: email), \(bind: givenName), \(bind: familyName), \(bind: language),
                    \(bind: returnPath), \(bind: now), \(bind: expiresAt))
            """).run()
    }

    /// The sign-up of a link still good at `now`.
    static func pending(tokenHash: String, at now: Int64, on sql: any SQLDatabase) async throws -> PendingSignUp? {
        try await sql.raw("""
            SELECT email, given_name, family_name, preferred_language, return_path, expires_at FROM customer_sign_ups
            WHERE token_hash = \(bind: tokenHash) AND expires_at > \(bind: now)
            """).first().map { row in
            PendingSignUp(email: try row.decode(column: "email", as: String.self), givenName: try row.decode(column: "given_name", as: String.self),
                          familyName: try row.decode(column: "family_name", as: String.self),
                          preferredLanguage: try row.decode(column: "preferred_language", as: String?.self),
                          returnPath: try row.decode(column: "return_path", as: String.self),
                          expiresAt: try row.decode(column: "expires_at", as: Int64.self))
        }
    }

    /// Uses a link up, with every other link of its email; false when another request used it first.
    static func use(tokenHash: String, email: String, on sql: any SQLDatabase) async throws -> Bool {
        guard try await sql.raw("DELETE FROM customer_sign_ups WHERE token_hash = \(bind: tokenHash) RETURNING email").first() != nil else {
            return false
        }
        try await sql.raw("DELETE FROM customer_sign_ups WHERE email = \(bind: email)").run()
        return true
    }
}
