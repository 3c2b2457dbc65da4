import Foundation
import Logging
import SQLKit
import SkyportDomain
import SkyportStore

/// Turns collected events into profiles, behind collection: reads `cdp_events` in the order received,
/// resolves identities, updates traits, computed traits, consents and segment membership, and moves
/// its cursor, all in one transaction per batch. Collection never waits for it; its backlog is
/// measured (`backlog()`).
///
/// One processor works at a time (the cursor row is locked), so two events of one person, however
/// concurrent, never create two profiles.
public struct ProfileProcessor: Sendable {
    public static let consumer = "cdp-profiles"

    let database: any Database
    let resolver: IdentityResolver
    let segments: SegmentStore
    let logger: Logger
    /// Milliseconds since 1970.
    let now: @Sendable () -> Int64
    let batchSize: Int

    public init(database: any Database, rules: IdentityRules = .standard, logger: Logger, batchSize: Int = 500,
                now: @escaping @Sendable () -> Int64) {
        self.database = database
        resolver = IdentityResolver(rules: rules)
        segments = SegmentStore(database: database, now: now)
        self.logger = logger
        self.batchSize = batchSize
        self.now = now
    }

    /// Processes the next batch; returns how many events it consumed (0: nothing ready).
    @discardableResult
    public func processBatch() async throws -> Int {
        // SQLite has one writer, which collection needs too: the events are read and the profiles worked
        // out from a snapshot first, and the writer is taken only to write them, unless the cursor moved
        // or someone was erased in between (then all is done again inside).
        var snapshot: Prepared?
        if database.engine == .sqlite {
            snapshot = try await database.read { sql in try await prepare(after: ConsumerCursor.position(Self.consumer, on: sql), on: sql, now: now()) }
            guard snapshot != nil else { return 0 }
        }
        let prepared = snapshot
        // Profiles are derived from committed events: a commit lost to a power cut is derived again.
        return try await database.derivedTransaction { sql in
            let now = now()
            let position = try await ConsumerCursor.lock(Self.consumer, engine: database.engine, on: sql, now: now)
            var work = prepared
            let erasures = try await Self.erasures(on: sql)
            if work?.position != position || work?.erasures != erasures {
                work = try await prepare(after: position, on: sql, now: now)
            }
            guard let work else { return 0 }
            if !work.dropped.isEmpty {
                try await sql.raw("DELETE FROM cdp_events WHERE id IN (\(binds: work.dropped))").run()
            }
            if let batch = work.batch { try await write(batch, events: work.events, on: sql, now: now) }
            try await ConsumerCursor.advance(Self.consumer, to: work.last, on: sql, now: now)
            return work.count
        }
    }

    /// A batch worked out and ready to write.
    struct Prepared: Sendable {
        let position: Int64
        let erasures: Int
        let last: Int64
        let count: Int
        let events: [TrackedEvent]
        /// Events naming an erased person, to delete instead of processing.
        let dropped: [Int64]
        let batch: ProfileBatch?
    }

    private static func erasures(on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM cdp_privacy_requests WHERE kind = 'erasure'").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Reads the events after `position` that are ready and resolves them against the profiles as stored.
    private func prepare(after position: Int64, on sql: any SQLDatabase, now: Int64) async throws -> Prepared? {
        let erasures = try await Self.erasures(on: sql)
        let rows = try await sql.raw("""
            SELECT \(ProfileReader.eventColumns), e.received_at FROM cdp_events e WHERE e.id > \(bind: position) ORDER BY e.id LIMIT \(bind: batchSize)
            """).all()
        let ready = ConsumerCursor.ready(rows, after: position, engine: database.engine, id: { (try? $0.decode(column: "id", as: Int64.self)) ?? 0 },
                                         writtenAt: { (try? $0.decode(column: "received_at", as: Int64.self)) ?? 0 }, now: now, grace: 2000)
        guard let last = ready.last else { return nil }
        // Each event's identifiers, worked out once for suppression, loading and resolution.
        let all = try ready.map(ProfileReader.event).map { (event: $0, identifiers: $0.identifiers(rules: resolver.rules)) }
        let dropped = try await suppressed(all, on: sql)
        let identified = all.filter { !dropped.contains($0.event.id) }
        let events = identified.map(\.event)
        var batch: ProfileBatch?
        if !events.isEmpty {
            var loaded = try await load(identified.flatMap(\.identifiers), on: sql)
            loaded.apply(identified, resolver: resolver, newProfileID: { Identifier.make(prefix: "prf") })
            batch = loaded
        }
        return Prepared(position: position, erasures: erasures, last: try last.decode(column: "id", as: Int64.self), count: ready.count,
                        events: events, dropped: Array(dropped), batch: batch)
    }

    /// Processes until nothing is ready; returns how many events it consumed.
    @discardableResult
    public func processPending() async throws -> Int {
        var total = 0
        while true {
            let done = try await processBatch()
            total += done
            if done == 0 { return total }
        }
    }

    /// How far profiles lag behind collection.
    public struct Backlog: Sendable, Equatable, Codable {
        /// Events collected and not yet processed.
        public let events: Int
        /// Age of the oldest waiting event, in milliseconds (0 when none waits).
        public let oldestWaitingMilliseconds: Int64

        enum CodingKeys: String, CodingKey {
            case events
            case oldestWaitingMilliseconds = "oldest_waiting_ms"
        }
    }

    public func backlog() async throws -> Backlog {
        try await database.read { sql in
            let position = try await ConsumerCursor.position(Self.consumer, on: sql)
            let row = try await sql.raw("SELECT COUNT(*) AS n, MIN(received_at) AS oldest FROM cdp_events WHERE id > \(bind: position)").first()
            let count = try row?.decode(column: "n", as: Int.self) ?? 0
            let oldest = try row?.decode(column: "oldest", as: Int64?.self)
            return Backlog(events: count, oldestWaitingMilliseconds: oldest.map { max(0, now() - $0) } ?? 0)
        }
    }

    /// Runs until cancelled: processes whatever is ready, waits `idle` when nothing is, and re-checks
    /// time-windowed segments every `sweepInterval` (a search ages out of "searched in the last 7 days"
    /// without any new event).
    public func run(idle: Duration = .milliseconds(200), sweepInterval: Duration = .seconds(300)) async {
        var lastSweep = ContinuousClock.now
        await ConsumerLoop.run(idle: idle, logger: logger, name: "customer profiles") {
            let processed = try await processBatch()
            if ContinuousClock.now - lastSweep >= sweepInterval {
                lastSweep = .now
                try await segments.sweep()
            }
            return processed
        }
    }

    /// The events naming a suppressed (erased) person: they are deleted instead of processed.
    private func suppressed(_ events: [(event: TrackedEvent, identifiers: [CustomerIdentifier])], on sql: any SQLDatabase) async throws -> Set<Int64> {
        guard try await sql.raw("SELECT COUNT(*) AS n FROM cdp_suppressions").first()?.decode(column: "n", as: Int.self) ?? 0 > 0 else { return [] }
        let digests = events.map { $0.identifiers.map(SuppressionList.digest) }
        let suppressed = try await SuppressionList.suppressed(Array(Set(digests.joined())), on: sql)
        return Set(zip(events, digests).filter { !suppressed.isDisjoint(with: $0.1) }.map(\.0.event.id))
    }

    /// Writes what a batch changed: profiles, identifiers, merges, traits, consents, the events' profiles
    /// and segment membership.
    private func write(_ batch: ProfileBatch, events: [TrackedEvent], on sql: any SQLDatabase, now: Int64) async throws {

        let profileRows: [BulkInsert.Row] = batch.facts.map { id, facts in
            [id, batch.created[id] ?? batch.graph.createdAt[id] ?? now, now, facts.stored]
        }
        try await BulkInsert.insert(into: "cdp_profiles", columns: ["id", "created_at", "updated_at", "facts"], rows: profileRows,
                                    onConflict: .update(key: ["id"], columns: ["updated_at", "facts"]), on: sql)
        let identifierRows: [BulkInsert.Row] = batch.changedIdentifiers.compactMap { identifier in
            batch.graph.owner(of: identifier).map { [identifier.description, identifier.type.rawValue, $0, now] }
        }
        try await BulkInsert.insert(into: "cdp_identifiers", columns: ["key", "type", "profile_id", "added_at"], rows: identifierRows,
                                    onConflict: .update(key: ["key"], columns: ["profile_id"]), on: sql)
        let allSegments = try await segments.all(on: sql)
        let stored = Set(batch.mergedStoredProfiles)
        for (merge, at) in batch.merges {
            try await sql.raw("""
                INSERT INTO cdp_merges (kept_profile_id, merged_profile_id, identifier_type, merged_at)
                VALUES (\(bind: merge.kept), \(bind: merge.merged), \(bind: merge.reason.type.rawValue), \(bind: at))
                """).run()
            guard stored.contains(merge.merged) else { continue }
            try await sql.raw("UPDATE cdp_profile_events SET profile_id = \(bind: merge.kept) WHERE profile_id = \(bind: merge.merged)").run()
            try await sql.raw("UPDATE cdp_consents SET profile_id = \(bind: merge.kept) WHERE profile_id = \(bind: merge.merged)").run()
            try await sql.raw("UPDATE cdp_identifiers SET profile_id = \(bind: merge.kept) WHERE profile_id = \(bind: merge.merged)").run()
            try await sql.raw("DELETE FROM cdp_traits WHERE profile_id = \(bind: merge.merged)").run()
            try await SegmentMembership.removeAll(profile: merge.merged, segments: allSegments, on: sql, now: now)
            try await sql.raw("DELETE FROM cdp_profiles WHERE id = \(bind: merge.merged)").run()
        }
        let traitRows: [BulkInsert.Row] = batch.changedTraits.flatMap { profile, names in
            names.compactMap { name in batch.traits[profile]?[name].map { [profile, name, $0.value.json, $0.setAt] } }
        }
        try await BulkInsert.insert(into: "cdp_traits", columns: ["profile_id", "name", "value", "set_at"], rows: traitRows,
                                    onConflict: .update(key: ["profile_id", "name"], columns: ["value", "set_at"]), on: sql)
        for change in batch.consentChanges {
            try await sql.raw("""
                INSERT INTO cdp_consents (profile_id, purpose, granted, source, recorded_at)
                VALUES (\(bind: change.profile), \(bind: change.purpose.rawValue), \(bind: change.granted), 'event', \(bind: change.at))
                """).run()
        }
        let byID = Dictionary(uniqueKeysWithValues: events.map { ($0.id, $0) })
        let assigned: [BulkInsert.Row] = batch.eventProfiles.compactMap { eventID, profile in
            byID[eventID].map { [profile, eventID, $0.name, $0.occurredAt] }
        }
        try await BulkInsert.insert(into: "cdp_profile_events", columns: ["profile_id", "event_id", "event", "occurred_at"], rows: assigned,
                                    onConflict: .keep(key: ["profile_id", "event_id"]), on: sql)
        let candidates = allSegments.map { segment in
            (segment, Set(batch.touched.filter { segment.dependsOn($0.value) }.keys))
        }.filter { !$0.1.isEmpty }
        var known: [String: (facts: ProfileFacts, traits: [String: TraitValue])] = [:]
        for (profile, facts) in batch.facts { known[profile] = (facts, batch.traits[profile] ?? [:]) }
        try await SegmentMembership.refresh(candidates, on: sql, now: now, known: known)
    }

    /// The part of the identity graph, facts, traits and consents that `identifiers` touch.
    private func load(_ identifiers: [CustomerIdentifier], on sql: any SQLDatabase) async throws -> ProfileBatch {
        let keys = Array(Set(identifiers.map(\.description)))
        var profiles = Set<String>()
        for chunk in keys.chunks(of: 1000) {
            for row in try await sql.raw("SELECT profile_id FROM cdp_identifiers WHERE key IN (\(binds: Array(chunk)))").all() {
                profiles.insert(try row.decode(column: "profile_id", as: String.self))
            }
        }
        let ids = Array(profiles)
        var graph = IdentityGraph()
        var facts: [String: ProfileFacts] = [:]
        var traits: [String: [String: TraitValue]] = [:]
        var consents: [String: [ConsentPurpose: Bool]] = [:]
        for chunk in ids.chunks(of: 500).map(Array.init) {
            let identifiers = Dictionary(grouping: try await ProfileReader.identifiers(of: chunk, on: sql), by: \.profile)
            for (profile, stored) in try await ProfileReader.facts(of: chunk, on: sql) {
                graph.load(profile: profile, createdAt: stored.createdAt, identifiers: identifiers[profile]?.map(\.identifier) ?? [])
                facts[profile] = stored.facts
            }
            traits.merge(try await ProfileReader.traits(of: chunk, on: sql)) { $1 }
            consents.merge(try await ProfileReader.consents(of: chunk, on: sql)) { $1 }
        }
        return ProfileBatch(graph: graph, facts: facts, traits: traits, consents: consents)
    }
}
