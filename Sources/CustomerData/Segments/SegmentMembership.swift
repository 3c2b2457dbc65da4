import Foundation
import SQLKit
import SkyportStore

/// Keeps segment membership true to the rules: re-evaluates candidate profiles against the stored
/// traits, computed traits and events, and for every change adds or removes the member and writes
/// `Segment Entered` or `Segment Exited` to the outbox, in the caller's transaction.
struct SegmentMembership: Sendable {
    /// Payload of `cdp.segment.entered` and `cdp.segment.exited`.
    struct Change: Encodable, Sendable {
        let event: String
        let segment_id: String
        let segment_name: String
        let profile_id: String
        let at: Int64
    }

    /// Re-evaluates `candidates` (profile ids per segment); returns how many memberships changed.
    @discardableResult
    static func refresh(_ candidates: [(Segment, Set<String>)], on sql: any SQLDatabase, now: Int64,
                        known: [String: (facts: ProfileFacts, traits: [String: TraitValue])] = [:]) async throws -> Int {
        let profiles = candidates.reduce(into: Set<String>()) { $0.formUnion($1.1) }
        guard !profiles.isEmpty else { return 0 }
        var changes = 0
        for chunk in Array(profiles).sorted().chunks(of: 500).map(Array.init) {
            let inChunk = Set(chunk)
            let subjects = try await ProfileReader.subjects(chunk, eventNames: candidates.reduce(into: Set<String>()) { $0.formUnion($1.0.rule.eventNames) },
                                                            windowDays: candidates.map(\.0.rule.longestWindowDays).max() ?? 0, on: sql, now: now,
                                                            known: known.filter { inChunk.contains($0.key) })
            let rows = try await sql.raw("""
                SELECT segment_id, profile_id FROM cdp_segment_members WHERE profile_id IN (\(binds: chunk))
                """).all()
            var members = Set<String>()
            for row in rows { members.insert(try row.decode(column: "segment_id", as: String.self) + " " + row.decode(column: "profile_id", as: String.self)) }
            var entered: [(Segment, String)] = []
            var exited: [(Segment, String)] = []
            for (segment, wanted) in candidates {
                for profile in wanted where inChunk.contains(profile) {
                    guard let subject = subjects[profile] else { continue }
                    let belongs = segment.rule.matches(subject)
                    guard belongs != members.contains(segment.id + " " + profile) else { continue }
                    if belongs { entered.append((segment, profile)) } else { exited.append((segment, profile)) }
                }
            }
            try await BulkInsert.insert(into: "cdp_segment_members", columns: ["segment_id", "profile_id", "entered_at"],
                                        rows: entered.map { [$0.0.id, $0.1, now] }, onConflict: .keep(key: ["segment_id", "profile_id"]), on: sql)
            for (segmentID, leaving) in Dictionary(grouping: exited, by: \.0.id) {
                try await sql.raw("""
                    DELETE FROM cdp_segment_members WHERE segment_id = \(bind: segmentID) AND profile_id IN (\(binds: leaving.map(\.1)))
                    """).run()
            }
            try await announce(entered.map { ("Segment Entered", $0.0, $0.1) } + exited.map { ("Segment Exited", $0.0, $0.1) }, on: sql, now: now)
            changes += entered.count + exited.count
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
            (topic: change.event == "Segment Entered" ? "cdp.segment.entered" : "cdp.segment.exited", aggregateID: change.profile,
             payload: Change(event: change.event, segment_id: change.segment.id, segment_name: change.segment.name, profile_id: change.profile, at: now))
        }, on: sql, at: Date(timeIntervalSince1970: Double(now) / 1000))
    }
}
