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

    /// The largest batch, after any gzip or deflate is undone: RudderStack's SDKs fill batches up to 4 MiB of
    /// messages and never retry a 413, so a batch may be 4 MiB plus one message and its envelope. Segment's
    /// clients stay under 500 KB.
    public static let maximumBatchBytes = 4 * 1024 * 1024 + 64 * 1024

    public init(database: any Database, suppressions: SuppressionList? = nil) {
        self.database = database
        self.suppressions = suppressions
        commits = GroupCommit(database: database, plan: Self.plan, store: Self.store)
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
        try await Self.store(Self.plan([(messages, source, receivedAt)], for: sql), on: sql)[0]
    }

    /// The statement storing every submission, and the messages each submission owns. A `messageId` is
    /// unique within its source only: one source can never drop another's message by sending its id (the
    /// site's write key is public). One sent earlier in the same group by the same source is skipped here; one
    /// stored before is skipped by the statement, which answers which rows it inserted (instead of asking first).
    static func plan(_ submissions: [GroupCommit.Submission], for dialect: any SQLDatabase) -> GroupCommit.Plan {
        var seen = Set<[String]>()
        var owners: [[[String]]] = []
        var rows: [BulkInsert.Row] = []
        for (messages, source, receivedAt) in submissions {
            let unique = messages.filter { seen.insert([source.id, $0.messageID]).inserted }
            owners.append(unique.map { [source.id, $0.messageID] })
            rows += unique.map { message in
                [message.messageID, source.id, message.kind.rawValue, message.event, message.userID, message.anonymousID,
                 message.occurredAt(receivedAt: receivedAt), message.sentAt, receivedAt, message.payload]
            }
        }
        let statements = BulkInsert.statements(into: "cdp_events", columns: [
            "message_id", "source_id", "type", "event", "user_id", "anonymous_id", "occurred_at", "sent_at", "received_at", "payload",
        ], rows: rows, returningNew: ["source_id", "message_id"], for: dialect)
        return GroupCommit.Plan(statements: statements, owners: owners)
    }

    /// Runs a plan in the caller's transaction; returns how many messages of each submission were new.
    @Sendable
    static func store(_ plan: GroupCommit.Plan, on sql: any SQLDatabase) async throws -> [Int] {
        let inserted = Set(try await BulkInsert.insertedKeys(plan.statements, key: ["source_id", "message_id"], on: sql))
        return plan.owners.map { $0.count { inserted.contains($0) } }
    }
}
