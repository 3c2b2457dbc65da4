import Foundation
import SQLKit
import SkyportStore
import SkyportContracts

/// Keeps segment membership true to the rules: re-evaluates candidate profiles against the stored
/// traits, computed traits and events, and for every change adds or removes the member and writes
/// `Segment Entered` or `Segment Exited` to the outbox, in the caller's transaction.
struct SegmentMembership: Sendable {
    /// Whether a profile belongs to a segment, as the rule decided from what the profile holds.
    /// It does not depend on the stored membership, so it can be worked out before the writer is taken.
    struct Verdict: Sendable {
        let segment: Segment
        let profile: String
        let belongs: Bool
    }

    /// Re-evaluates `candidates` (profile ids per segment); returns how many memberships changed.
    @discardableResult
    static func refresh(_ candidates: [(Segment, Set<String>)], on sql: any SQLDatabase, now: Int64,
                        known: [String: (facts: ProfileFacts, traits: [String: TraitValue])] = [:],
                        recent: RecentEvents? = nil) async throws -> Int {
        let profiles = candidates.reduce(into: Set<String>()) { $0.formUnion($1.1) }
        var changes = 0
        for chunk in Array(profiles).sorted().chunks(of: 500).map(Array.init) {
            let inChunk = Set(chunk)
            let subjects = try await ProfileStore.subjects(chunk, eventNames: candidates.reduce(into: Set<String>()) { $0.formUnion($1.0.rule.eventNames) },
                                                            windowDays: candidates.map(\.0.rule.longestWindowDays).max() ?? 0, on: sql, now: now,
                                                            known: known.filter { inChunk.contains($0.key) }, recent: recent)
            changes += try await apply(verdicts(candidates.map { ($0.0, $0.1.intersection(inChunk)) }, subjects: subjects), on: sql, now: now)
        }
        return changes
    }

    /// The rules' verdicts on the candidates that have a subject.
    static func verdicts(_ candidates: [(Segment, Set<String>)], subjects: [String: SegmentSubject]) -> [Verdict] {
        candidates.flatMap { segment, profiles in
            profiles.compactMap { profile in
                subjects[profile].map { Verdict(segment: segment, profile: profile, belongs: segment.rule.matches($0)) }
            }
        }
    }

    /// Brings the stored membership in line with `verdicts`: adds and removes members and announces each
    /// change; returns how many changed.
    @discardableResult
    static func apply(_ verdicts: [Verdict], on sql: any SQLDatabase, now: Int64) async throws -> Int {
        var changes = 0
        for chunk in Dictionary(grouping: verdicts, by: \.profile).sorted(by: { $0.key < $1.key }).chunks(of: 500) {
            let rows = try await sql.raw("""
                SELECT segment_id, profile_id FROM cdp_segment_members WHERE profile_id IN (\(binds: chunk.map(\.key)))
                """).all()
            var members = Set<String>()
            for row in rows { members.insert(try row.decode(column: "segment_id", as: String.self) + " " + row.decode(column: "profile_id", as: String.self)) }
            let changed = chunk.flatMap(\.value).filter { $0.belongs != members.contains($0.segment.id + " " + $0.profile) }
            let entered = changed.filter(\.belongs)
            let exited = changed.filter { !$0.belongs }
            try await BulkInsert.insert(into: "cdp_segment_members", columns: ["segment_id", "profile_id", "entered_at"],
                                        rows: entered.map { [$0.segment.id, $0.profile, now] }, onConflict: .keep(key: ["segment_id", "profile_id"]), on: sql)
            for (segmentID, leaving) in Dictionary(grouping: exited, by: \.segment.id) {
                try await sql.raw("""
                    DELETE FROM cdp_segment_members WHERE segment_id = \(bind: segmentID) AND profile_id IN (\(binds: leaving.map(\.profile)))
                    """).run()
            }
            try await announce(entered.map { ("Segment Entered", $0.segment, $0.profile) } + exited.map { ("Segment Exited", $0.segment, $0.profile) },
                               on: sql, now: now)
            changes += changed.count
        }
        return changes
    }

    /// A profile leaves every segment (it was merged into another, or erased); returns how many it left.
    @discardableResult
    static func removeAll(profile: String, segments: [Segment], on sql: any SQLDatabase, now: Int64) async throws -> Int {
        let rows = try await sql.raw("SELECT segment_id FROM cdp_segment_members WHERE profile_id = \(bind: profile)").all()
        let ids = Set(try rows.map { try $0.decode(column: "segment_id", as: String.self) })
        try await sql.raw("DELETE FROM cdp_segment_members WHERE profile_id = \(bind: profile)").run()
        try await announce(segments.filter { ids.contains($0.id) }.map { ("Segment Exited", $0, profile) }, on: sql, now: now)
        return ids.count
    }

    /// Writes `Segment Entered` / `Segment Exited` for each change to the outbox, in one statement.
    private static func announce(_ changes: [(event: String, segment: Segment, profile: String)], on sql: any SQLDatabase, now: Int64) async throws {
        try await Outbox.append(changes.map { change in
            (topic: change.event == "Segment Entered" ? .segmentEntered : .segmentExited, aggregateID: change.profile,
             payload: SegmentMembershipChangedEvent(event: change.event, segmentID: change.segment.id, segmentName: change.segment.name,
                                               profileID: change.profile, at: now))
        }, on: sql, at: Date(timeIntervalSince1970: Double(now) / 1000))
    }
}
