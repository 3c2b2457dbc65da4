import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// Profiles for operators: found by any identifier, with traits, computed traits, segments, consents,
/// merges and the event timeline.
public struct ProfileDirectory: Sendable {
    let database: any Database
    /// Milliseconds since 1970.
    let now: @Sendable () -> Int64

    public init(database: any Database, now: @escaping @Sendable () -> Int64) {
        self.database = database
        self.now = now
    }

    /// A profile as operators read it.
    public struct Profile: Sendable, Encodable {
        public struct Identifier: Sendable, Encodable {
            public let type: String
            public let value: String
            public let added_at: Int64
            /// False for a public source's claim (it never merged this profile with another).
            public let verified: Bool
        }

        public struct Trait: Sendable, Encodable {
            public let value: JSONValue
            public let set_at: Int64
        }

        public struct Membership: Sendable, Codable {
            public let id: String
            public let name: String
            public let entered_at: Int64
        }

        public struct Merge: Sendable, Codable {
            public let kept_profile_id: String
            public let merged_profile_id: String
            public let identifier_type: String
            public let merged_at: Int64
        }

        public let id: String
        public let created_at: Int64
        public let updated_at: Int64
        public let identifiers: [Identifier]
        public let traits: [String: Trait]
        public let computed_traits: ComputedTraits
        public let segments: [Membership]
        public let consents: [String: Bool]
        public let merges: [Merge]
    }

    /// Finds a profile by `type:value` (or `profile_id:prf_...`); nil when none holds it.
    public func profileID(_ reference: String) async throws -> String? {
        if reference.hasPrefix("profile_id:") {
            let id = String(reference.dropFirst("profile_id:".count))
            return try await database.read { sql in
                try await sql.raw("SELECT id FROM cdp_profiles WHERE id = \(bind: id)").first()?.decode(column: "id", as: String.self)
            }
        }
        guard let identifier = CustomerIdentifier(parsing: reference) else {
            throw ServiceError(.invalid, code: .invalidIdentifier,
                               message: "Name a profile as type:value, type one of \((IdentifierType.allCases.map(\.rawValue) + ["profile_id"]).joined(separator: ", ")).")
        }
        return try await database.read { sql in try await ProfileStore.profileID(of: identifier, on: sql) }
    }

    /// The profile named by `reference`, or a 404.
    public func require(_ reference: String) async throws -> String {
        guard let id = try await profileID(reference) else {
            throw ServiceError(.notFound, code: .profileNotFound, message: "No profile holds this identifier.")
        }
        return id
    }

    public func profile(id: String) async throws -> Profile? {
        let now = now()
        return try await database.read { sql in
            guard let stored = try await ProfileStore.facts(of: [id], on: sql)[id] else { return nil }
            let identifiers = try await ProfileStore.identifiers(of: [id], on: sql)
            let traits = try await ProfileStore.traits(of: [id], on: sql)[id] ?? [:]
            let consents = try await ProfileStore.consents(of: [id], on: sql)[id] ?? [:]
            let segments = try await sql.raw("""
                SELECT s.id, s.name, m.entered_at FROM cdp_segment_members m JOIN cdp_segments s ON s.id = m.segment_id
                WHERE m.profile_id = \(bind: id) ORDER BY s.name
                """).all(decoding: Profile.Membership.self)
            let merges = try await sql.raw("""
                SELECT kept_profile_id, merged_profile_id, identifier_type, merged_at FROM cdp_merges
                WHERE kept_profile_id = \(bind: id) OR merged_profile_id = \(bind: id) ORDER BY id
                """).all(decoding: Profile.Merge.self)
            return Profile(
                id: id, created_at: stored.createdAt, updated_at: stored.updatedAt,
                identifiers: identifiers.map { Profile.Identifier(type: $0.identifier.type.rawValue, value: $0.identifier.value, added_at: $0.addedAt,
                                                                     verified: $0.verified) },
                traits: traits.mapValues { Profile.Trait(value: $0.value, set_at: $0.setAt) },
                computed_traits: stored.facts.computedTraits(now: now), segments: segments,
                consents: Dictionary(uniqueKeysWithValues: consents.map { ($0.key.rawValue, $0.value) }), merges: merges)
        }
    }

    /// One event of the timeline.
    public struct TimelineEvent: Sendable, Encodable {
        public let id: Int64
        public let type: String
        public let event: String?
        public let occurred_at: Int64
        public let message: JSONValue
    }

    /// The profile's events, newest first, `limit` before the event id `before`.
    public func timeline(id: String, before: Int64?, limit: Int) async throws -> [TimelineEvent] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT \(ProfileStore.eventColumns) FROM cdp_profile_events pe JOIN cdp_events e ON e.id = pe.event_id
                WHERE pe.profile_id = \(bind: id) AND pe.event_id < \(bind: before ?? Int64.max) ORDER BY pe.event_id DESC LIMIT \(bind: limit)
                """).all().map { row in
                let event = try ProfileStore.event(row)
                return TimelineEvent(id: event.id, type: event.type, event: event.name, occurred_at: event.occurredAt, message: event.message)
            }
        }
    }
}
