import Foundation
import SQLKit
import SkyportStore

/// Reads profiles as stored: by identifier, with their traits, facts, identifiers and events.
enum ProfileStore {
    /// The profile holding `identifier`, or nil.
    static func profileID(of identifier: CustomerIdentifier, on sql: any SQLDatabase) async throws -> String? {
        try await sql.raw("SELECT profile_id FROM cdp_identifiers WHERE key = \(bind: identifier.description)")
            .first()?.decode(column: "profile_id", as: String.self)
    }

    /// The identifiers of `profiles`; `verified` is false for a public source's claim.
    static func identifiers(of profiles: [String], on sql: any SQLDatabase) async throws
        -> [(profile: String, identifier: CustomerIdentifier, addedAt: Int64, verified: Bool)] {
        guard !profiles.isEmpty else { return [] }
        return try await sql.raw("""
            SELECT key, profile_id, added_at, verified FROM cdp_identifiers WHERE profile_id IN (\(binds: profiles)) ORDER BY key
            """).all().compactMap { row in
            let key = try row.decode(column: "key", as: String.self)
            guard let colon = key.firstIndex(of: ":"), let type = IdentifierType(rawValue: String(key[..<colon])) else { return nil }
            return (try row.decode(column: "profile_id", as: String.self), CustomerIdentifier(type, String(key[key.index(after: colon)...])),
                    try row.decode(column: "added_at", as: Int64.self), try row.decode(column: "verified", as: Bool.self))
        }
    }

    static func facts(of profiles: [String], on sql: any SQLDatabase) async throws -> [String: (createdAt: Int64, updatedAt: Int64, facts: ProfileFacts)] {
        guard !profiles.isEmpty else { return [:] }
        var found: [String: (Int64, Int64, ProfileFacts)] = [:]
        for row in try await sql.raw("SELECT id, created_at, updated_at, facts FROM cdp_profiles WHERE id IN (\(binds: profiles))").all() {
            let facts = ProfileFacts(stored: try row.decode(column: "facts", as: String.self))
            found[try row.decode(column: "id", as: String.self)] = (try row.decode(column: "created_at", as: Int64.self),
                                                                     try row.decode(column: "updated_at", as: Int64.self), facts)
        }
        return found
    }

    static func traits(of profiles: [String], on sql: any SQLDatabase) async throws -> [String: [String: TraitValue]] {
        guard !profiles.isEmpty else { return [:] }
        var found: [String: [String: TraitValue]] = [:]
        for row in try await sql.raw("SELECT profile_id, name, value, set_at FROM cdp_traits WHERE profile_id IN (\(binds: profiles))").all() {
            found[try row.decode(column: "profile_id", as: String.self), default: [:]][try row.decode(column: "name", as: String.self)] =
                TraitValue(value: JSONValue(stored: try row.decode(column: "value", as: String.self)), setAt: try row.decode(column: "set_at", as: Int64.self))
        }
        return found
    }

    /// The latest decision per purpose.
    static func consents(of profiles: [String], on sql: any SQLDatabase) async throws -> [String: [ConsentPurpose: Bool]] {
        guard !profiles.isEmpty else { return [:] }
        var found: [String: [ConsentPurpose: Bool]] = [:]
        for row in try await sql.raw("""
            SELECT profile_id, purpose, granted FROM cdp_consents WHERE profile_id IN (\(binds: profiles)) ORDER BY id
            """).all() {
            guard let purpose = ConsentPurpose(rawValue: try row.decode(column: "purpose", as: String.self)) else { continue }
            found[try row.decode(column: "profile_id", as: String.self), default: [:]][purpose] = try row.decode(column: "granted", as: Bool.self)
        }
        return found
    }

    static func event(_ row: any SQLRow) throws -> TrackedEvent {
        TrackedEvent(id: try row.decode(column: "id", as: Int64.self), type: try row.decode(column: "type", as: String.self),
                     name: try row.decode(column: "event", as: String?.self), userID: try row.decode(column: "user_id", as: String?.self),
                     anonymousID: try row.decode(column: "anonymous_id", as: String?.self),
                     occurredAt: try row.decode(column: "occurred_at", as: Int64.self),
                     message: JSONValue(stored: try row.decode(column: "payload", as: String.self)),
                     sourceID: try row.decode(column: "source_id", as: String?.self))
    }

    /// The columns `event(_:)` reads, from `cdp_events` as `e`.
    static let eventColumns: SQLQueryString = "e.id, e.type, e.event, e.user_id, e.anonymous_id, e.occurred_at, e.payload, e.source_id"

    /// The events of `profiles` named `names` since `since`, oldest first: from the index alone.
    static func windowEvents(of profiles: some Collection<String>, named names: Set<String>, since: Int64,
                             on sql: any SQLDatabase) async throws -> [(profile: String, event: Int64)] {
        var owners: [(profile: String, event: Int64)] = []
        for chunk in profiles.sorted().chunks(of: 500) {
            for row in try await sql.raw("""
                SELECT profile_id, event_id FROM cdp_profile_events
                WHERE profile_id IN (\(binds: Array(chunk))) AND event IN (\(binds: names.sorted())) AND occurred_at >= \(bind: since)
                """).all() {
                owners.append((try row.decode(column: "profile_id", as: String.self), try row.decode(column: "event_id", as: Int64.self)))
            }
        }
        return owners.sorted { $0.event < $1.event }
    }

    /// The events with `ids`: from `recent` when it holds them, else read (and remembered).
    static func events(_ ids: [Int64], recent: RecentEvents?, on sql: any SQLDatabase) async throws -> [Int64: TrackedEvent] {
        var (found, missing) = recent?.lookup(ids) ?? ([:], ids)
        for chunk in missing.chunks(of: 1000) {
            let read = try await sql.raw("SELECT \(eventColumns) FROM cdp_events e WHERE e.id IN (\(binds: Array(chunk)))").all().map(event)
            recent?.remember(read)
            for event in read { found[event.id] = event }
        }
        return found
    }

    /// What segment rules see of each profile: traits, computed traits, and its events of `eventNames`
    /// in the last `windowDays`.
    /// `known` holds profiles already in memory (the processor's batch), read from the store otherwise.
    static func subjects(_ profiles: [String], eventNames: Set<String>, windowDays: Int, on sql: any SQLDatabase, now: Int64,
                         known: [String: (facts: ProfileFacts, traits: [String: TraitValue])] = [:],
                         recent: RecentEvents? = nil) async throws -> [String: SegmentSubject] {
        let unknown = profiles.filter { known[$0] == nil }
        var facts = try await facts(of: unknown, on: sql).mapValues(\.facts)
        var traits = try await traits(of: unknown, on: sql)
        for (profile, state) in known {
            facts[profile] = state.facts
            traits[profile] = state.traits
        }
        var events: [String: [TrackedEvent]] = [:]
        if !eventNames.isEmpty, windowDays > 0 {
            let since = now - Int64(windowDays) * 86_400_000
            let owners = try await windowEvents(of: profiles, named: eventNames, since: since, on: sql)
            let found = try await Self.events(owners.map(\.event), recent: recent, on: sql)
            for (profile, id) in owners {
                if let event = found[id] { events[profile, default: []].append(event) }
            }
        }
        var subjects: [String: SegmentSubject] = [:]
        for profile in profiles {
            guard let stored = facts[profile] else { continue }
            subjects[profile] = SegmentSubject(traits: (traits[profile] ?? [:]).mapValues(\.value),
                                               computed: stored.computedTraits(now: now).values,
                                               events: events[profile] ?? [], now: now)
        }
        return subjects
    }
}
