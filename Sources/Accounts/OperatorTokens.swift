import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// Someone with operator rights: the airline's staff and its automation.
public struct Operator: Sendable, Equatable, Codable {
    public let id: String
    public let name: String
}

/// Bearer tokens for operator endpoints. A token is shown once, when it is created; only its SHA-256
/// is stored. Tokens are created and revoked with `skyport operators`.
public struct OperatorTokens: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// The command center's sessions of these operators.
    public var sessions: OperatorSessions { OperatorSessions(database: database) }

    /// Creates a token for `name`; returns the operator and the token (`sop_` + 64 hex digits).
    public func create(name: String, now: Int64) async throws -> (Operator, token: String) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...80).contains(trimmed.count) else {
            throw ServiceError(.invalid, code: .invalidName, message: "An operator name is 1 to 80 characters.", field: "name")
        }
        let token = SecretToken.make(prefix: "sop_")
        let id = Identifier.make(prefix: "op")
        try await database.transaction { sql in
            try await sql.raw("""
                INSERT INTO operator_tokens (id, name, token_hash, created_at)
                VALUES (\(bind: id), \(bind: trimmed), \(bind: SecretToken.hash(token)), \(bind: now))
                """).run()
        }
        return (Operator(id: id, name: trimmed), token)
    }

    /// The operator a token belongs to, or nil for an unknown or revoked token.
    public func authenticate(_ token: String) async throws -> Operator? {
        guard token.hasPrefix("sop_"), token.count == 68 else { return nil }
        return try await database.read { sql in
            try await sql.raw("""
                SELECT id, name FROM operator_tokens WHERE token_hash = \(bind: SecretToken.hash(token)) AND revoked_at IS NULL
                """).first(decoding: Operator.self)
        }
    }

    /// The operator with this id while their token is not revoked (a signed-in page checks it on every view).
    public func active(id: String) async throws -> Operator? {
        try await database.read { sql in
            try await sql.raw("SELECT id, name FROM operator_tokens WHERE id = \(bind: id) AND revoked_at IS NULL").first(decoding: Operator.self)
        }
    }

    /// Revokes the operator's token; false when there was none to revoke.
    public func revoke(id: String, now: Int64) async throws -> Bool {
        try await database.transaction { sql in
            let rows = try await sql.raw("""
                UPDATE operator_tokens SET revoked_at = \(bind: now) WHERE id = \(bind: id) AND revoked_at IS NULL RETURNING id
                """).all()
            return !rows.isEmpty
        }
    }

    /// Every operator, with whether their token still works.
    public func list() async throws -> [(Operator, createdAt: Int64, revoked: Bool)] {
        try await database.read { sql in
            try await sql.raw("SELECT id, name, created_at, revoked_at FROM operator_tokens ORDER BY created_at, id").all().map { row in
                (Operator(id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self)),
                 try row.decode(column: "created_at", as: Int64.self), try row.decode(column: "revoked_at", as: Int64?.self) != nil)
            }
        }
    }
}
