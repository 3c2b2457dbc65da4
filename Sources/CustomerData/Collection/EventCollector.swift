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
        commits = GroupCommit(database: database, store: { try await Self.store($0, on: $1) })
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
        try await Self.store([(messages, source, receivedAt)], on: sql)[0]
    }

    /// Stores every submission in one statement; returns how many messages of each were new. A
    /// `messageId` stored before, or sent earlier in the same group, is skipped: one statement finds out
    /// which rows it inserted, instead of asking first.
    @Sendable
    static func store(_ submissions: [GroupCommit.Submission], on sql: any SQLDatabase) async throws -> [Int] {
        var seen = Set<String>()
        var owners: [[String]] = []
        var rows: [BulkInsert.Row] = []
        for (messages, source, receivedAt) in submissions {
            let unique = messages.filter { seen.insert($0.messageID).inserted }
            owners.append(unique.map(\.messageID))
            rows += unique.map { message in
                [message.messageID, source.id, message.kind.rawValue, message.event, message.userID, message.anonymousID,
                 message.occurredAt(receivedAt: receivedAt), message.sentAt, receivedAt, message.payload]
            }
        }
        let inserted = Set(try await BulkInsert.insertNew(into: "cdp_events", columns: [
            "message_id", "source_id", "type", "event", "user_id", "anonymous_id", "occurred_at", "sent_at", "received_at", "payload",
        ], rows: rows, key: "message_id", on: sql))
        return owners.map { $0.count { inserted.contains($0) } }
    }
}
