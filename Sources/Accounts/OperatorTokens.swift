import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// What an operator may do: run the airline (operations: disruptions, inventory, models, the command center) or read and
/// close the books (finance). A token carries one or both.
public enum OperatorRight: String, Sendable, Codable, CaseIterable, Comparable {
    case operations, finance

    public static func < (lhs: OperatorRight, rhs: OperatorRight) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `operations,finance` as stored; unknown names are dropped.
    static func parse(_ text: String) -> Set<OperatorRight> {
        Set(text.split(separator: ",").compactMap { OperatorRight(rawValue: String($0)) })
    }
}

/// Someone with operator rights: the airline's staff and its automation.
public struct Operator: Sendable, Equatable, Decodable {
    public let id: String
    public let name: String
    public let rights: Set<OperatorRight>

    public init(id: String, name: String, rights: Set<OperatorRight>) {
        self.id = id
        self.name = name
        self.rights = rights
    }

    public func has(_ right: OperatorRight) -> Bool { rights.contains(right) }

    enum CodingKeys: String, CodingKey { case id, name, rights }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        rights = OperatorRight.parse(try container.decode(String.self, forKey: .rights))
    }
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

    /// Creates a token for `name` with `rights` (operations unless told); returns the operator and the token (`sop_` + 64 hex digits).
    public func create(name: String, rights: Set<OperatorRight> = [.operations], now: Int64) async throws -> (Operator, token: String) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...80).contains(trimmed.count) else {
            throw ServiceError(.invalid, code: .invalidName, message: "An operator name is 1 to 80 characters.", field: "name")
        }
        guard !rights.isEmpty else {
            throw ServiceError(.invalid, code: .invalidRights, message: "An operator needs at least one right: operations or finance.", field: "rights")
        }
        let token = SecretToken.make(prefix: "sop_")
        let id = Identifier.make(prefix: "op")
        try await database.transaction { sql in
            try await sql.raw("""
                INSERT INTO operator_tokens (id, name, token_hash, created_at, rights)
                VALUES (\(bind: id), \(bind: trimmed), \(bind: SecretToken.hash(token)), \(bind: now), \(bind: rights.sorted().map(\.rawValue).joined(separator: ",")))
                """).run()
        }
        return (Operator(id: id, name: trimmed, rights: rights), token)
    }

    /// The operator a token belongs to, or nil for an unknown or revoked token.
    public func authenticate(_ token: String) async throws -> Operator? {
        guard token.hasPrefix("sop_"), token.count == 68 else { return nil }
        return try await database.read { sql in
            try await sql.raw("""
                SELECT id, name, rights FROM operator_tokens WHERE token_hash = \(bind: SecretToken.hash(token)) AND revoked_at IS NULL
                """).first(decoding: Operator.self)
        }
    }

    /// The operator with this id while their token is not revoked (a signed-in page checks it on every view).
    public func active(id: String) async throws -> Operator? {
        try await database.read { sql in
            try await sql.raw("SELECT id, name, rights FROM operator_tokens WHERE id = \(bind: id) AND revoked_at IS NULL").first(decoding: Operator.self)
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
            try await sql.raw("SELECT id, name, rights, created_at, revoked_at FROM operator_tokens ORDER BY created_at, id").all().map { row in
                (Operator(id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
                          rights: OperatorRight.parse(try row.decode(column: "rights", as: String.self))),
                 try row.decode(column: "created_at", as: Int64.self), try row.decode(column: "revoked_at", as: Int64?.self) != nil)
            }
        }
    }
}
