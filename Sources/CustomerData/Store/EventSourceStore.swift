import SQLKit
import SkyportStore

/// The sources events come from (`cdp_sources`), by the hash of their write keys (the browser source's public key is
/// kept readable too: every page carries it).
enum EventSourceStore {
    /// Inserts a source unless one has its id; the web site's source keeps its public key.
    static func insert(_ source: EventSource, writeKey: String, publicKey: Bool, at now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO cdp_sources (id, name, write_key_hash, created_at, public_write_key, trust)
            VALUES (\(bind: source.id), \(bind: source.name), \(bind: SecretToken.hash(writeKey)), \(bind: now),
                    \(bind: publicKey ? writeKey : nil), \(bind: source.trust.rawValue))
            ON CONFLICT (id) DO NOTHING
            """).run()
    }

    static func publicWriteKey(of id: String, on sql: any SQLDatabase) async throws -> String? {
        try await sql.raw("SELECT public_write_key FROM cdp_sources WHERE id = \(bind: id)").first()?.decode(column: "public_write_key", as: String?.self)
    }

    /// The live source of a write key.
    static func source(writeKeyHash: String, on sql: any SQLDatabase) async throws -> EventSource? {
        try await sql.raw("SELECT id, name, trust FROM cdp_sources WHERE write_key_hash = \(bind: writeKeyHash) AND revoked_at IS NULL")
            .first(decoding: EventSource.self)
    }

    /// The sources whose keys are public (browsers, apps): what they say of identity is a claim, not a fact.
    static func publicSourceIDs(on sql: any SQLDatabase) async throws -> Set<String> {
        Set(try await sql.raw("SELECT id FROM cdp_sources WHERE trust = 'public'").all().map { try $0.decode(column: "id", as: String.self) })
    }

    /// Revokes a live source; false when there was none with that id.
    static func revoke(_ id: String, at now: Int64, on sql: any SQLDatabase) async throws -> Bool {
        !(try await sql.raw("UPDATE cdp_sources SET revoked_at = \(bind: now) WHERE id = \(bind: id) AND revoked_at IS NULL RETURNING id").all().isEmpty)
    }
}
