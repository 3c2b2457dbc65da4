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
///
/// A batch is worked out from a read snapshot and the profiles in memory (`ProfileCache`), and the
/// writer (SQLite has one, which collection needs too) is taken only to check that nothing changed
/// meanwhile and write the result; `run()` works out the next batch while the last one is written.
public struct ProfileProcessor: Sendable {
    public static let consumer = "cdp-profiles"

    let database: any Database
    let resolver: IdentityResolver
    let segments: SegmentStore
    let logger: Logger
    /// Milliseconds since 1970.
    let now: @Sendable () -> Int64
    let batchSize: Int
    let recent = RecentEvents()
    let cache = ProfileCache()

    public init(database: any Database, rules: IdentityRules = .standard, logger: Logger, batchSize: Int = 1000,
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
        guard let prepared = try await prepareNext() else { return 0 }
        return try await commit(prepared)
    }

    /// A batch worked out and ready to write.
    struct Prepared: Sendable {
        /// The cursor position it starts after, and the cache it was worked out with: it is written only
        /// if the store still agrees.
        let position: Int64
        let privacyRequests: Int
        let epoch: Int
        let last: Int64
        let count: Int
        let events: [TrackedEvent]
        /// Events naming an erased person, to delete instead of processing.
        let dropped: [Int64]
        let batch: ProfileBatch?
        /// The segments as they were, and their rules' verdicts on the profiles the batch touched.
        let segments: [Segment]
        let verdicts: [SegmentMembership.Verdict]
        /// The batch's rows, serialized: profiles and identifiers (before merges are applied), then
        /// traits and the events' profiles (after).
        let upserts: [SerializedStatement]
        let appends: [SerializedStatement]
    }

    /// Works out the next batch from a read snapshot, after where the cache stands (or the stored cursor
    /// when the cache is empty); nil when nothing is ready. With `continuing`, only when the cache still
    /// stands there (to work out a batch while the one before is written).
    func prepareNext(continuing expected: ProfileCache.Stamp? = nil) async throws -> Prepared? {
        try await database.read { sql in
            let privacyRequests = try await Self.privacyRequests(on: sql)
            if let stamp = cache.stamp, stamp.privacyRequests != privacyRequests { cache.reset() }
            let stamp = cache.stamp
            if let expected, stamp != expected { return nil }
            let epoch = stamp?.epoch ?? cache.epoch
            var position = stamp?.position
            if position == nil { position = try await ConsumerCursor.position(Self.consumer, on: sql) }
            return try await prepare(after: position ?? 0, privacyRequests: privacyRequests, epoch: epoch, on: sql, now: now())
        }
    }

    /// Writes a prepared batch in one transaction, after checking under the cursor lock that it was
    /// worked out from what is stored (else works it out again there); returns how many events it consumed.
    func commit(_ prepared: Prepared) async throws -> Int {
        do {
            // Profiles are derived from committed events: a commit lost to a power cut is derived again.
            return try await database.derivedTransaction { sql in
                let now = now()
                let position = try await ConsumerCursor.lock(Self.consumer, engine: database.engine, on: sql, now: now)
                let privacyRequests = try await Self.privacyRequests(on: sql)
                var work: Prepared? = prepared
                if prepared.position != position || prepared.privacyRequests != privacyRequests || prepared.epoch != cache.epoch {
                    cache.reset()
                    work = try await prepare(after: position, privacyRequests: privacyRequests, epoch: cache.epoch, on: sql, now: now)
                }
                guard let work else { return 0 }
                if !work.dropped.isEmpty { try await ProfileStore.deleteEvents(work.dropped, on: sql) }
                if work.batch != nil { try await write(work, on: sql, now: now) }
                try await ConsumerCursor.advance(Self.consumer, to: work.last, on: sql, now: now)
                return work.count
            }
        } catch {
            // The cache already holds what was not written.
            cache.reset()
            throw error
        }
    }

    /// Erasures and consents recorded by operators change profiles outside the processor: any new one
    /// empties the cache.
    private static func privacyRequests(on sql: any SQLDatabase) async throws -> Int {
        try await PrivacyRequestStore.count(of: [.erasure, .consent], on: sql)
    }

    /// Reads the events after `position` that are ready, resolves them against the profiles as cached or
    /// stored, and records the result in the cache.
    private func prepare(after position: Int64, privacyRequests: Int, epoch: Int, on sql: any SQLDatabase, now: Int64) async throws -> Prepared? {
        recent.check(privacyRequests: privacyRequests)
        let rows = try await ProfileStore.eventRows(after: position, limit: batchSize, on: sql)
        let ready = ConsumerCursor.ready(rows, after: position, engine: database.engine, id: { (try? $0.decode(column: "id", as: Int64.self)) ?? 0 },
                                         writtenAt: { (try? $0.decode(column: "received_at", as: Int64.self)) ?? 0 }, now: now, grace: 2000)
        guard let lastRow = ready.last else { return nil }
        let last = try lastRow.decode(column: "id", as: Int64.self)
        // Each event's identifiers, worked out once for suppression, loading and resolution.
        let all = try ready.map(ProfileStore.event).map { (event: $0, identifiers: $0.identifiers(rules: resolver.rules)) }
        let dropped = try await suppressed(all, on: sql)
        let identified = all.filter { !dropped.contains($0.event.id) }
        let events = identified.map(\.event)
        recent.remember(events)
        let basis = ProfileCache.Stamp(position: position, privacyRequests: privacyRequests, epoch: epoch)
        var batch = try await load(identified.flatMap(\.identifiers), at: basis, on: sql)
        let publicSources = try await EventSourceStore.publicSourceIDs(on: sql)
        batch.apply(identified, resolver: resolver, publicSources: publicSources,
                    newProfileID: { Identifier.makeOrdered(prefix: "prf", milliseconds: now) })
        let segmentList = try await segments.all(on: sql)
        let candidates = Self.candidates(segmentList, batch)
        let subjects = try await segmentSubjects(candidates, batch: batch, events: events, at: basis, on: sql, now: now)
        cache.store(batch, after: position, last: last, privacyRequests: privacyRequests, epoch: epoch)
        let (upserts, appends) = Self.statements(batch, events: events, now: now, for: sql)
        return Prepared(position: position, privacyRequests: privacyRequests, epoch: epoch, last: last, count: ready.count,
                        events: events, dropped: Array(dropped), batch: events.isEmpty ? nil : batch, segments: segmentList,
                        verdicts: SegmentMembership.verdicts(candidates, subjects: subjects), upserts: upserts, appends: appends)
    }

    /// The rows a batch writes, serialized for `database`'s dialect.
    private static func statements(_ batch: ProfileBatch, events: [TrackedEvent], now: Int64,
                                   for database: any SQLDatabase) -> (upserts: [SerializedStatement], appends: [SerializedStatement]) {
        let profileRows: [BulkInsert.Row] = batch.facts.map { id, facts in
            [id, batch.created[id] ?? batch.graph.createdAt[id] ?? now, now, facts.stored]
        }
        let identifierRows: [BulkInsert.Row] = batch.changedIdentifiers.compactMap { identifier in
            batch.graph.owner(of: identifier).map { [identifier.description, identifier.type.rawValue, $0, now, !batch.graph.isClaim(identifier)] }
        }
        // Claims taken back by a trusted event and then left off its profile (a limit): nobody holds them now.
        let released = batch.changedIdentifiers.filter { batch.graph.owner(of: $0) == nil }.map(\.description).sorted()
        let traitRows: [BulkInsert.Row] = batch.changedTraits.flatMap { profile, names in
            names.compactMap { name in batch.traits[profile]?[name].map { [profile, name, $0.value.json, $0.setAt] } }
        }
        let byID = Dictionary(uniqueKeysWithValues: events.map { ($0.id, $0) })
        let assigned: [BulkInsert.Row] = batch.eventProfiles.compactMap { eventID, profile in
            byID[eventID].map { [profile, eventID, $0.name, $0.occurredAt] }
        }
        return (BulkInsert.statements(into: "cdp_profiles", columns: ["id", "created_at", "updated_at", "facts"], rows: profileRows,
                                      onConflict: .update(key: ["id"], columns: ["updated_at", "facts"]), for: database)
                    + released.chunks(of: 500).map { keys -> SerializedStatement in
                        let delete: SQLQueryString = "DELETE FROM cdp_identifiers WHERE key IN (\(binds: Array(keys)))"
                        return SerializedStatement(delete, for: database)
                    }
                    + BulkInsert.statements(into: "cdp_identifiers", columns: ["key", "type", "profile_id", "added_at", "verified"], rows: identifierRows,
                                            onConflict: .update(key: ["key"], columns: ["profile_id", "verified"]), for: database),
                BulkInsert.statements(into: "cdp_traits", columns: ["profile_id", "name", "value", "set_at"], rows: traitRows,
                                      onConflict: .update(key: ["profile_id", "name"], columns: ["value", "set_at"]), for: database)
                    + BulkInsert.statements(into: "cdp_profile_events", columns: ["profile_id", "event_id", "event", "occurred_at"], rows: assigned,
                                            onConflict: .keep(key: ["profile_id", "event_id"]), for: database))
    }

    /// The profiles of the batch whose membership of each segment its events may have changed.
    private static func candidates(_ segments: [Segment], _ batch: ProfileBatch) -> [(Segment, Set<String>)] {
        segments.map { segment in (segment, Set(batch.touched.filter { segment.dependsOn($0.value) }.keys)) }.filter { !$0.1.isEmpty }
    }

    /// What the segment rules see of the candidates: traits and computed traits from the batch, and
    /// their events in the rules' window: as stored in the snapshot, and as the last batch (which may
    /// still be being written) and this one assigned them, after their merges.
    private func segmentSubjects(_ candidates: [(Segment, Set<String>)], batch: ProfileBatch, events: [TrackedEvent], at basis: ProfileCache.Stamp,
                                 on sql: any SQLDatabase, now: Int64) async throws -> [String: SegmentSubject] {
        let profiles = candidates.reduce(into: Set<String>()) { $0.formUnion($1.1) }
        let names = candidates.reduce(into: Set<String>()) { $0.formUnion($1.0.rule.eventNames) }
        let days = candidates.map(\.0.rule.longestWindowDays).max() ?? 0
        var windowEvents: [String: [TrackedEvent]] = [:]
        if !profiles.isEmpty, !names.isEmpty, days > 0 {
            let since = now - Int64(days) * 86_400_000
            let pending = cache.pending(at: basis)
            let mergedInto = pending.mergedInto.merging(batch.mergedInto) { $1 }
            func final(_ profile: String) -> String { ProfileBatch.survivor(of: profile, in: mergedInto) }
            func counts(_ event: TrackedEvent) -> Bool { event.occurredAt >= since && event.name.map(names.contains) == true }
            var assigned: [Int64: String] = [:]
            let stored = profiles.union(mergedInto.keys.filter { profiles.contains(final($0)) })
            for (profile, event) in try await ProfileStore.windowEvents(of: stored, named: names, since: since, on: sql) {
                assigned[event] = final(profile)
            }
            let last = recent.lookup(Array(pending.eventProfiles.keys)).found
            for (id, profile) in pending.eventProfiles where last[id].map(counts) == true { assigned[id] = final(profile) }
            let current = Dictionary(uniqueKeysWithValues: events.map { ($0.id, $0) })
            for (id, profile) in batch.eventProfiles where current[id].map(counts) == true { assigned[id] = final(profile) }
            let wanted = assigned.filter { profiles.contains($0.value) }
            let found = try await ProfileStore.events(Array(wanted.keys), recent: recent, on: sql)
            for (id, profile) in wanted.sorted(by: { $0.key < $1.key }) {
                if let event = found[id] { windowEvents[profile, default: []].append(event) }
            }
        }
        var subjects: [String: SegmentSubject] = [:]
        for profile in profiles {
            guard let facts = batch.facts[profile] else { continue }
            subjects[profile] = SegmentSubject(traits: (batch.traits[profile] ?? [:]).mapValues(\.value), computed: facts.computedTraits(now: now).values,
                                               events: windowEvents[profile] ?? [], now: now)
        }
        return subjects
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
            let waiting = try await ProfileStore.backlog(after: position, on: sql)
            return Backlog(events: waiting.events, oldestWaitingMilliseconds: waiting.oldestReceivedAt.map { max(0, now() - $0) } ?? 0)
        }
    }

    /// Runs until cancelled: processes whatever is ready, working out the next batch while the last one is
    /// written; waits `idle` when nothing is ready, and re-checks time-windowed segments every
    /// `sweepInterval` (a search ages out of "searched in the last 7 days" without any new event).
    public func run(idle: Duration = .milliseconds(200), sweepInterval: Duration = .seconds(300)) async {
        var lastSweep = ContinuousClock.now
        var next: Task<Prepared?, any Error>?
        await ConsumerLoop.run(idle: idle, logger: logger, name: "customer profiles") {
            defer { if Task.isCancelled { next?.cancel() } }
            let ahead = next
            next = nil
            var ready = try await ahead?.value
            if ready == nil { ready = try await prepareNext() }
            guard let prepared = ready else { return 0 }
            let expected = cache.stamp
            // Low priority: the batch being written holds the writer, which collection is waiting for.
            next = Task(priority: .low) { try await prepareNext(continuing: expected) }
            let processed: Int
            do {
                processed = try await commit(prepared)
            } catch {
                _ = try? await next?.value
                next = nil
                cache.reset()
                throw error
            }
            if ContinuousClock.now - lastSweep >= sweepInterval {
                lastSweep = .now
                try await segments.sweep()
            }
            return processed
        }
        _ = try? await next?.value
    }

    /// The events naming a suppressed (erased) person: they are deleted instead of processed.
    private func suppressed(_ events: [(event: TrackedEvent, identifiers: [CustomerIdentifier])], on sql: any SQLDatabase) async throws -> Set<Int64> {
        guard try await SuppressionStore.any(on: sql) else { return [] }
        let digests = events.map { $0.identifiers.map(SuppressionList.digest) }
        let suppressed = try await SuppressionStore.suppressed(Array(Set(digests.joined())), on: sql)
        return Set(zip(events, digests).filter { !suppressed.isDisjoint(with: $0.1) }.map(\.0.event.id))
    }

    /// Writes what a batch changed: profiles, identifiers, merges, traits, consents, the events' profiles
    /// and segment membership (from the verdicts worked out beforehand, unless the segments changed since).
    private func write(_ work: Prepared, on sql: any SQLDatabase, now: Int64) async throws {
        guard let batch = work.batch else { return }
        for statement in work.upserts { try await statement.run(on: sql) }
        let currentSegments = try await segments.all(on: sql)
        let stored = Set(batch.mergedStoredProfiles)
        let mergedInto = batch.mergedInto
        for (merge, at) in batch.merges {
            try await ProfileStore.recordMerge(kept: merge.kept, merged: merge.merged, identifierType: merge.reason.type.rawValue, at: at, on: sql)
            guard stored.contains(merge.merged) else { continue }
            // The kept profile may itself be merged later in the batch, and be one it created (never stored).
            let survivor = ProfileBatch.survivor(of: merge.merged, in: mergedInto)
            try await ProfileStore.fold(merge.merged, into: survivor, on: sql)
            try await SegmentMembership.removeAll(profile: merge.merged, segments: currentSegments, on: sql, now: now)
            try await ProfileStore.deleteProfile(merge.merged, on: sql)
        }
        for change in batch.consentChanges {
            try await ProfileStore.recordConsent(profile: change.profile, purpose: change.purpose, granted: change.granted, source: "event",
                                                 at: change.at, on: sql)
        }
        for statement in work.appends { try await statement.run(on: sql) }
        if currentSegments == work.segments {
            try await SegmentMembership.apply(work.verdicts, on: sql, now: now)
        } else {
            var known: [String: (facts: ProfileFacts, traits: [String: TraitValue])] = [:]
            for (profile, facts) in batch.facts { known[profile] = (facts, batch.traits[profile] ?? [:]) }
            try await SegmentMembership.refresh(Self.candidates(currentSegments, batch), on: sql, now: now, known: known, recent: recent)
        }
    }

    /// The part of the identity graph, facts, traits and consents that `identifiers` touch: from the cache
    /// where it has them, else from the store.
    private func load(_ identifiers: [CustomerIdentifier], at basis: ProfileCache.Stamp, on sql: any SQLDatabase) async throws -> ProfileBatch {
        let (cached, unknown) = cache.lookup(Set(identifiers), at: basis)
        let stored = try await ProfileStore.profiles(holding: unknown.map(\.description), on: sql)
        var graph = IdentityGraph()
        var facts: [String: ProfileFacts] = [:]
        var traits: [String: [String: TraitValue]] = [:]
        var consents: [String: [ConsentPurpose: Bool]] = [:]
        for (profile, entry) in cached {
            graph.load(profile: profile, createdAt: entry.createdAt, identifiers: Array(entry.identifiers), claimed: entry.claims)
            facts[profile] = entry.facts
            traits[profile] = entry.traits
            consents[profile] = entry.consents
        }
        for chunk in stored.subtracting(cached.keys).sorted().chunks(of: 500).map(Array.init) {
            let identifiers = Dictionary(grouping: try await ProfileStore.identifiers(of: chunk, on: sql), by: \.profile)
            for (profile, stored) in try await ProfileStore.facts(of: chunk, on: sql) {
                let held = identifiers[profile] ?? []
                graph.load(profile: profile, createdAt: stored.createdAt, identifiers: held.map(\.identifier),
                           claimed: Set(held.filter { !$0.verified }.map(\.identifier)))
                facts[profile] = stored.facts
            }
            traits.merge(try await ProfileStore.traits(of: chunk, on: sql)) { $1 }
            consents.merge(try await ProfileStore.consents(of: chunk, on: sql)) { $1 }
        }
        return ProfileBatch(graph: graph, facts: facts, traits: traits, consents: consents)
    }
}
