import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// A source of events (the web site, the booking engine, a mobile app) and its write key.
public struct EventSource: Sendable, Equatable, Codable {
    public let id: String
    public let name: String
}

/// Sources are created and revoked by operators; a write key is shown once and stored as its SHA-256.
public struct EventSources: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// The sources Skyport feeds itself.
    public enum FirstParty: String, Sendable {
        /// The web site's pages, from the browser. Its write key is public by nature (every page carries
        /// it, as with any browser analytics), so it is kept readable.
        case webSite = "src_web"
        /// The booking engine's orders, from its outbox, server-side.
        case bookingEngine = "src_booking"
        /// The web site's server (sign-in links the browser to the customer).
        case webServer = "src_web_server"

        var name: String {
            switch self {
            case .webSite: return "Skyport web site (browser)"
            case .bookingEngine: return "Skyport booking engine"
            case .webServer: return "Skyport web site (server)"
            }
        }
    }

    /// A first-party source, created on first use.
    public func firstParty(_ kind: FirstParty, now: Int64) async throws -> EventSource {
        try await firstPartyKey(kind, now: now).source
    }

    /// A first-party source and its write key (readable only for the browser source).
    public func firstPartyKey(_ kind: FirstParty, now: Int64) async throws -> (source: EventSource, writeKey: String?) {
        let key = SecretToken.make(prefix: "wk_", bytes: 24)
        return try await database.transaction { sql in
            try await sql.raw("""
                INSERT INTO cdp_sources (id, name, write_key_hash, created_at, public_write_key)
                VALUES (\(bind: kind.rawValue), \(bind: kind.name), \(bind: SecretToken.hash(key)), \(bind: now), \(bind: kind == .webSite ? key : nil))
                ON CONFLICT (id) DO NOTHING
                """).run()
            let row = try await sql.raw("SELECT public_write_key FROM cdp_sources WHERE id = \(bind: kind.rawValue)").first()
            return (EventSource(id: kind.rawValue, name: kind.name), try row?.decode(column: "public_write_key", as: String?.self))
        }
    }

    /// A new source and its write key.
    public func create(name: String, now: Int64) async throws -> (EventSource, writeKey: String) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...80).contains(trimmed.count) else {
            throw ServiceError(.invalid, code: "invalid_name", message: "A source name is 1 to 80 characters.", field: "name")
        }
        let key = SecretToken.make(prefix: "wk_", bytes: 24)
        let source = EventSource(id: Identifier.make(prefix: "src"), name: trimmed)
        try await database.transaction { sql in
            try await sql.raw("""
                INSERT INTO cdp_sources (id, name, write_key_hash, created_at)
                VALUES (\(bind: source.id), \(bind: source.name), \(bind: SecretToken.hash(key)), \(bind: now))
                """).run()
        }
        return (source, key)
    }

    /// The live source a write key belongs to, or nil.
    public func source(writeKey: String) async throws -> EventSource? {
        guard writeKey.hasPrefix("wk_"), writeKey.count == 51 else { return nil }
        return try await database.read { sql in
            try await sql.raw("""
                SELECT id, name FROM cdp_sources WHERE write_key_hash = \(bind: SecretToken.hash(writeKey)) AND revoked_at IS NULL
                """).first(decoding: EventSource.self)
        }
    }

    /// Revokes a source's key; false when there was no live source with that id.
    public func revoke(id: String, now: Int64) async throws -> Bool {
        try await database.transaction { sql in
            !(try await sql.raw("UPDATE cdp_sources SET revoked_at = \(bind: now) WHERE id = \(bind: id) AND revoked_at IS NULL RETURNING id").all().isEmpty)
        }
    }
}
