import SQLKit
import SkyportDomain
import SkyportStore

/// What the profile processor and erasures change in the profile tables, and the event log they consume, in the
/// caller's transaction.
extension ProfileStore {
    // MARK: - The event log

    /// Up to `limit` events after `position`, oldest first, with when each was received.
    static func eventRows(after position: Int64, limit: Int, on sql: any SQLDatabase) async throws -> [any SQLRow] {
        try await sql.raw("""
            SELECT \(eventColumns), e.received_at FROM cdp_events e WHERE e.id > \(bind: position) ORDER BY e.id LIMIT \(bind: limit)
            """).all()
    }

    /// How many events wait after `position`, and when the oldest of them was received.
    static func backlog(after position: Int64, on sql: any SQLDatabase) async throws -> (events: Int, oldestReceivedAt: Int64?) {
        let row = try await sql.raw("SELECT COUNT(*) AS n, MIN(received_at) AS oldest FROM cdp_events WHERE id > \(bind: position)").first()
        return (try row?.decode(column: "n", as: Int.self) ?? 0, try row?.decode(column: "oldest", as: Int64?.self))
    }

    static func deleteEvents(_ ids: [Int64], on sql: any SQLDatabase) async throws {
        for chunk in ids.chunks(of: 500) { try await sql.raw("DELETE FROM cdp_events WHERE id IN (\(binds: Array(chunk)))").run() }
    }

    // MARK: - Identity

    /// The profiles holding any of the identifier keys.
    static func profiles(holding keys: [String], on sql: any SQLDatabase) async throws -> Set<String> {
        var found = Set<String>()
        for chunk in keys.chunks(of: 1000) {
            for row in try await sql.raw("SELECT profile_id FROM cdp_identifiers WHERE key IN (\(binds: Array(chunk)))").all() {
                found.insert(try row.decode(column: "profile_id", as: String.self))
            }
        }
        return found
    }

    static func recordMerge(kept: String, merged: String, identifierType: String, at time: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO cdp_merges (kept_profile_id, merged_profile_id, identifier_type, merged_at)
            VALUES (\(bind: kept), \(bind: merged), \(bind: identifierType), \(bind: time))
            """).run()
    }

    /// Hands a merged profile's events, consents and identifiers to `survivor` and drops its traits (the
    /// survivor's are the merged ones now).
    static func fold(_ merged: String, into survivor: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE cdp_profile_events SET profile_id = \(bind: survivor) WHERE profile_id = \(bind: merged)").run()
        try await sql.raw("UPDATE cdp_consents SET profile_id = \(bind: survivor) WHERE profile_id = \(bind: merged)").run()
        try await sql.raw("UPDATE cdp_identifiers SET profile_id = \(bind: survivor) WHERE profile_id = \(bind: merged)").run()
        try await sql.raw("DELETE FROM cdp_traits WHERE profile_id = \(bind: merged)").run()
    }

    static func deleteProfile(_ id: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM cdp_profiles WHERE id = \(bind: id)").run()
    }

    /// Every consent decision of the profile, oldest first.
    static func consentHistory(of profile: String, on sql: any SQLDatabase) async throws -> [PrivacyService.ConsentRecord] {
        try await sql.raw("""
            SELECT purpose, granted, source, recorded_at FROM cdp_consents WHERE profile_id = \(bind: profile) ORDER BY id
            """).all(decoding: PrivacyService.ConsentRecord.self)
    }

    static func recordConsent(profile: String, purpose: ConsentPurpose, granted: Bool, source: String, at time: Int64,
                              on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO cdp_consents (profile_id, purpose, granted, source, recorded_at)
            VALUES (\(bind: profile), \(bind: purpose.rawValue), \(bind: granted), \(bind: source), \(bind: time))
            """).run()
    }

    // MARK: - Erasure

    /// What erasing a profile deleted.
    struct Erased {
        var events = 0, traits = 0, consents = 0, merges = 0
    }

    /// Deletes the profile with its events (and the unprocessed events after `position` naming `userIDs` or
    /// `anonymousIDs`), traits, consents, merge records and identifiers; segment membership is the caller's.
    static func erase(_ id: String, userIDs: [String], anonymousIDs: [String], unprocessedAfter position: Int64,
                      on sql: any SQLDatabase) async throws -> Erased {
        func count(_ query: SQLQueryString) async throws -> Int { try await sql.raw(query).all().count }
        var erased = Erased()
        erased.events = try await count("""
            DELETE FROM cdp_events WHERE id IN (SELECT event_id FROM cdp_profile_events WHERE profile_id = \(bind: id)) RETURNING id
            """)
        try await sql.raw("DELETE FROM cdp_profile_events WHERE profile_id = \(bind: id)").run()
        for chunk in userIDs.chunks(of: 500).map(Array.init) where !chunk.isEmpty {
            erased.events += try await count("DELETE FROM cdp_events WHERE id > \(bind: position) AND user_id IN (\(binds: chunk)) RETURNING id")
        }
        for chunk in anonymousIDs.chunks(of: 500).map(Array.init) where !chunk.isEmpty {
            erased.events += try await count("DELETE FROM cdp_events WHERE id > \(bind: position) AND anonymous_id IN (\(binds: chunk)) RETURNING id")
        }
        erased.traits = try await count("DELETE FROM cdp_traits WHERE profile_id = \(bind: id) RETURNING name")
        erased.consents = try await count("DELETE FROM cdp_consents WHERE profile_id = \(bind: id) RETURNING id")
        erased.merges = try await count("DELETE FROM cdp_merges WHERE kept_profile_id = \(bind: id) OR merged_profile_id = \(bind: id) RETURNING id")
        try await sql.raw("DELETE FROM cdp_identifiers WHERE profile_id = \(bind: id)").run()
        try await deleteProfile(id, on: sql)
        return erased
    }
}
