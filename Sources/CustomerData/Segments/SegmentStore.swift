import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// Segments as operators define them, and their members.
public struct SegmentStore: Sendable {
    let database: any Database
    /// Milliseconds since 1970.
    let now: @Sendable () -> Int64

    public init(database: any Database, now: @escaping @Sendable () -> Int64) {
        self.database = database
        self.now = now
    }

    /// Creates a segment and fills it from the profiles as they stand (members enter at once).
    public func create(name: String, description: String, rule: SegmentRule) async throws -> Segment {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...120).contains(trimmed.count) else {
            throw ServiceError(.invalid, code: .invalidName, message: "A segment name is 1 to 120 characters.", field: "name")
        }
        let now = now()
        let segment = Segment(id: Identifier.make(prefix: "seg"), name: trimmed, description: description, rule: rule, createdAt: now, updatedAt: now)
        return try await database.transaction { sql in
            let taken = try await sql.raw("SELECT id FROM cdp_segments WHERE name = \(bind: trimmed)").first()
            guard taken == nil else {
                throw ServiceError(.conflict, code: .segmentExists, message: "A segment with this name exists.", field: "name")
            }
            try await sql.raw("""
                INSERT INTO cdp_segments (id, name, description, rule, created_at, updated_at)
                VALUES (\(bind: segment.id), \(bind: segment.name), \(bind: description), \(bind: rule.json.json), \(bind: now), \(bind: now))
                """).run()
            try await evaluateAll([segment], on: sql, now: now)
            return segment
        }
    }

    /// Deletes a segment; its members exit. False when there was none.
    public func delete(id: String) async throws -> Bool {
        try await database.transaction { sql in
            guard let segment = try await all(on: sql, id: id).first else { return false }
            let members = try await sql.raw("SELECT profile_id FROM cdp_segment_members WHERE segment_id = \(bind: id)").all()
            for row in members {
                try await SegmentMembership.removeAll(profile: try row.decode(column: "profile_id", as: String.self), segments: [segment], on: sql, now: now())
            }
            try await sql.raw("DELETE FROM cdp_segments WHERE id = \(bind: id)").run()
            return true
        }
    }

    /// A segment with its member count.
    public struct Summary: Sendable {
        public let segment: Segment
        public let members: Int
    }

    public func list() async throws -> [Summary] {
        try await database.read { sql in
            let counts = try await sql.raw("SELECT segment_id, COUNT(*) AS n FROM cdp_segment_members GROUP BY segment_id").all()
            var byID: [String: Int] = [:]
            for row in counts { byID[try row.decode(column: "segment_id", as: String.self)] = try row.decode(column: "n", as: Int.self) }
            return try await all(on: sql).map { Summary(segment: $0, members: byID[$0.id] ?? 0) }
        }
    }

    public func summary(id: String) async throws -> Summary? {
        try await database.read { sql in
            guard let segment = try await all(on: sql, id: id).first else { return nil }
            let members = try await sql.raw("SELECT COUNT(*) AS n FROM cdp_segment_members WHERE segment_id = \(bind: id)").first()?
                .decode(column: "n", as: Int.self) ?? 0
            return Summary(segment: segment, members: members)
        }
    }

    /// A member and when it entered.
    public struct Member: Sendable, Codable, Equatable {
        public let profileID: String
        public let enteredAt: Int64

        enum CodingKeys: String, CodingKey {
            case profileID = "profile_id"
            case enteredAt = "entered_at"
        }
    }

    /// Members in the order they entered, `limit` after the profile id `after`.
    public func members(of id: String, after: String?, limit: Int) async throws -> [Member] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT profile_id, entered_at FROM cdp_segment_members
                WHERE segment_id = \(bind: id) AND profile_id > \(bind: after ?? "")
                ORDER BY profile_id LIMIT \(bind: limit)
                """).all(decoding: Member.self)
        }
    }

    /// Re-evaluates every segment with an event window against its members and every profile active
    /// within the window.
    public func sweep() async throws {
        try await database.transaction { sql in
            let now = now()
            try await evaluateAll(try await all(on: sql).filter { $0.rule.longestWindowDays > 0 }, on: sql, now: now)
        }
    }

    /// Candidates: members, and profiles updated within the longest window (any profile for rules on
    /// traits alone, which time does not change but a new segment must see).
    private func evaluateAll(_ segments: [Segment], on sql: any SQLDatabase, now: Int64) async throws {
        for segment in segments {
            let days = segment.rule.longestWindowDays
            let since: Int64 = days > 0 && !segment.rule.readsTraits ? now - Int64(days) * 86_400_000 : 0
            let rows = try await sql.raw("""
                SELECT id AS profile_id FROM cdp_profiles WHERE updated_at >= \(bind: since)
                UNION SELECT profile_id FROM cdp_segment_members WHERE segment_id = \(bind: segment.id)
                """).all()
            let candidates = Set(try rows.map { try $0.decode(column: "profile_id", as: String.self) })
            try await SegmentMembership.refresh([(segment, candidates)], on: sql, now: now)
        }
    }

    /// Every segment, or the one with `id`.
    func all(on sql: any SQLDatabase, id: String? = nil) async throws -> [Segment] {
        let only: SQLQueryString = id.map { "WHERE id = \(bind: $0)" } ?? ""
        return try await sql.raw("SELECT id, name, description, rule, created_at, updated_at FROM cdp_segments \(only) ORDER BY created_at, id").all().map { row in
            Segment(id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
                    description: try row.decode(column: "description", as: String.self),
                    rule: try SegmentRule(try JSONValue(json: row.decode(column: "rule", as: String.self))),
                    createdAt: try row.decode(column: "created_at", as: Int64.self), updatedAt: try row.decode(column: "updated_at", as: Int64.self))
        }
    }
}
