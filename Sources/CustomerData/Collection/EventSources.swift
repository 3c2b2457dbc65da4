import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// How far the customer data platform believes what a source says about who a person is.
public enum SourceTrust: String, Sendable, Codable, CaseIterable {
    /// Its write key is public (a browser's or a mobile app's): it speaks for its own anonymous id only;
    /// emails, user ids and phones it names are claims that never merge into another profile.
    case `public`
    /// A server with a secret write key: what it says identifies people.
    case server
    /// Skyport itself (the booking engine, the site's server after a sign-in).
    case firstParty = "first_party"
}

/// A source of events (the web site, the booking engine, a mobile app) and its write key.
public struct EventSource: Sendable, Equatable, Codable {
    public let id: String
    public let name: String
    public let trust: SourceTrust

    public init(id: String, name: String, trust: SourceTrust) {
        self.id = id
        self.name = name
        self.trust = trust
    }
}

/// Sources are created and revoked by operators; a write key is shown once and stored as its SHA-256.
public struct EventSources: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// The sources Skyport feeds itself from the server. Migration 9 creates them without a write key
    /// (nothing hashes to their placeholder), so they exist from the start and cost no lookup.
    public enum FirstParty: String, Sendable {
        /// The booking engine's orders, from its outbox.
        case bookingEngine = "src_booking"
        /// The web site's server (sign-in links the browser to the customer).
        case webServer = "src_web_server"

        public var source: EventSource {
            switch self {
            case .bookingEngine: return EventSource(id: rawValue, name: "Skyport booking engine", trust: .firstParty)
            case .webServer: return EventSource(id: rawValue, name: "Skyport web site (server)", trust: .firstParty)
            }
        }
    }

    /// The web site's browser source and its write key, created on first use. The key is public by
    /// nature (every page carries it, as with any browser analytics), so it is kept readable.
    public func webSite(now: Int64) async throws -> (source: EventSource, writeKey: String) {
        let source = EventSource(id: "src_web", name: "Skyport web site (browser)", trust: .public)
        let key = SecretToken.make(prefix: "wk_", bytes: 24)
        return try await database.transaction { sql in
            try await EventSourceStore.insert(source, writeKey: key, publicKey: true, at: now, on: sql)
            let stored = try await EventSourceStore.publicWriteKey(of: source.id, on: sql)
            return (source, stored ?? key)
        }
    }

    /// A new source and its write key. `trust` is `server` for a server-side SDK that keeps the key secret,
    /// `public` for a key shipped to browsers or apps.
    public func create(name: String, trust: SourceTrust = .server, now: Int64) async throws -> (EventSource, writeKey: String) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...80).contains(trimmed.count) else {
            throw ServiceError(.invalid, code: .invalidName, message: "A source name is 1 to 80 characters.", field: "name")
        }
        let key = SecretToken.make(prefix: "wk_", bytes: 24)
        guard trust != .firstParty else {
            throw ServiceError(.invalid, code: .invalidTrust, message: "trust is public or server; first_party is Skyport's own.", field: "trust")
        }
        let source = EventSource(id: Identifier.make(prefix: "src"), name: trimmed, trust: trust)
        try await database.transaction { sql in
            try await EventSourceStore.insert(source, writeKey: key, publicKey: false, at: now, on: sql)
        }
        return (source, key)
    }

    /// The live source a write key belongs to, or nil.
    public func source(writeKey: String) async throws -> EventSource? {
        guard writeKey.hasPrefix("wk_"), writeKey.count == 51 else { return nil }
        return try await database.read { sql in
            try await EventSourceStore.source(writeKeyHash: SecretToken.hash(writeKey), on: sql)
        }
    }

    /// Revokes a source's key; false when there was no live source with that id.
    public func revoke(id: String, now: Int64) async throws -> Bool {
        try await database.transaction { sql in
            try await EventSourceStore.revoke(id, at: now, on: sql)
        }
    }
}
