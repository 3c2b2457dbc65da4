import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// Receives Segment-format messages: checks every one, then stores them all in one transaction, so a
/// 200 means every message is on disk and a refusal means none was stored. A `messageId` seen before
/// is skipped (a client's retry never counts twice).
public struct EventCollector: Sendable {
    let database: any Database
    /// Erased people, whose later events are dropped; none when not given.
    let suppressions: SuppressionList?
    private let commits: GroupCommit

    public static let maximumBatchBytes = 500 * 1024

    public init(database: any Database, suppressions: SuppressionList? = nil) {
        self.database = database
        self.suppressions = suppressions
        commits = GroupCommit(database: database, store: Self.store)
    }

    /// What a collection stored.
    public struct Receipt: Sendable, Equatable {
        public let received: Int
        public let stored: Int
        public var duplicates: Int { received - stored }
    }

    /// Stores `messages` for `source`, received at `receivedAt` (milliseconds since 1970). Messages naming
    /// a suppressed person are acknowledged and dropped.
    @discardableResult
    public func collect(_ messages: [SegmentMessage], from source: EventSource, receivedAt: Int64) async throws -> Receipt {
        let admitted = try await suppressions?.admitted(messages) ?? messages
        guard !admitted.isEmpty else { return Receipt(received: messages.count, stored: 0) }
        let stored = try await commits.write(admitted, from: source, receivedAt: receivedAt)
        return Receipt(received: messages.count, stored: stored)
    }

    /// Stores `messages` in the caller's transaction; returns how many were new.
    @discardableResult
    public func store(_ messages: [SegmentMessage], from source: EventSource, receivedAt: Int64, on sql: any SQLDatabase) async throws -> Int {
        try await Self.store(messages, source, receivedAt, sql)
    }

    @Sendable
    static func store(_ messages: [SegmentMessage], _ source: EventSource, _ receivedAt: Int64, _ sql: any SQLDatabase) async throws -> Int {
        guard !messages.isEmpty else { return 0 }
        // The same messageId twice in one batch is one event too.
        var seen = Set<String>()
        let unique = messages.filter { seen.insert($0.messageID).inserted }
        let rows: [BulkInsert.Row] = unique.map { message in
            [message.messageID, source.id, message.kind.rawValue, message.event, message.userID, message.anonymousID,
             message.occurredAt(receivedAt: receivedAt), message.sentAt, receivedAt, message.payload]
        }
        let known = try await sql.raw("SELECT COUNT(*) AS n FROM cdp_events WHERE message_id IN (\(binds: unique.map(\.messageID)))")
            .first()?.decode(column: "n", as: Int.self) ?? 0
        try await BulkInsert.insert(into: "cdp_events", columns: [
            "message_id", "source_id", "type", "event", "user_id", "anonymous_id", "occurred_at", "sent_at", "received_at", "payload",
        ], rows: rows, onConflict: .keep(key: ["message_id"]), on: sql)
        return unique.count - known
    }
}
