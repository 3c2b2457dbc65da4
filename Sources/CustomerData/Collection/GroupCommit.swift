import SQLKit
import SkyportStore

/// Writes concurrent collections in one transaction (group commit): while one commit is on its way to
/// disk, the batches that arrive wait together and go in the next. Each caller still resumes only once
/// its events are committed, so a 200 keeps meaning "durable"; the disk is flushed once per group
/// instead of once per request, and the single SQLite writer is held once instead of many times.
actor GroupCommit {
    struct Request {
        let messages: [SegmentMessage]
        let source: EventSource
        let receivedAt: Int64
        let continuation: CheckedContinuation<Int, any Error>
    }

    /// Messages of one request, as the store receives them.
    typealias Submission = (messages: [SegmentMessage], source: EventSource, receivedAt: Int64)

    /// A group's statements, serialized before the transaction takes the writer, and the message ids
    /// of each submission.
    struct Plan: Sendable {
        let statements: [SerializedStatement]
        /// Each submission's messages, by their key (source and message id).
        let owners: [[[String]]]
    }

    private let database: any Database
    private let plan: @Sendable ([Submission], any SQLDatabase) -> Plan
    /// Runs a plan in the caller's transaction; returns how many messages of each submission were new.
    private let store: @Sendable (Plan, any SQLDatabase) async throws -> [Int]
    private var pending: [Request] = []
    private var writing = false

    init(database: any Database, plan: @escaping @Sendable ([Submission], any SQLDatabase) -> Plan,
         store: @escaping @Sendable (Plan, any SQLDatabase) async throws -> [Int]) {
        self.database = database
        self.plan = plan
        self.store = store
    }

    /// Stores the messages with whatever else is waiting; returns how many were new.
    func write(_ messages: [SegmentMessage], from source: EventSource, receivedAt: Int64) async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            pending.append(Request(messages: messages, source: source, receivedAt: receivedAt, continuation: continuation))
            if !writing {
                writing = true
                Task { await drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            let group = pending
            pending = []
            let (plan, store) = (self.plan, self.store)
            let submissions = group.map { ($0.messages, $0.source, $0.receivedAt) }
            let planned = database.statementDialect.map { plan(submissions, $0) }
            do {
                let counts = try await database.transaction { sql in
                    try await store(planned ?? plan(submissions, sql), sql)
                }
                for (request, count) in zip(group, counts) { request.continuation.resume(returning: count) }
            } catch {
                // One request's failure must not fail the others: each is retried on its own.
                for request in group {
                    do {
                        let counts = try await database.transaction { sql in
                            try await store(plan([(request.messages, request.source, request.receivedAt)], sql), sql)
                        }
                        request.continuation.resume(returning: counts[0])
                    } catch {
                        request.continuation.resume(throwing: error)
                    }
                }
            }
        }
        writing = false
    }
}
