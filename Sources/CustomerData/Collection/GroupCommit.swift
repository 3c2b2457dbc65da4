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
    /// Stores submissions in the caller's transaction; returns how many of each were new.
    typealias Store = @Sendable ([Submission], any SQLDatabase) async throws -> [Int]

    private let database: any Database
    private let store: Store
    private var pending: [Request] = []
    private var writing = false

    init(database: any Database, store: @escaping Store) {
        self.database = database
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
            let store = self.store
            do {
                let counts = try await database.transaction { sql in
                    try await store(group.map { ($0.messages, $0.source, $0.receivedAt) }, sql)
                }
                for (request, count) in zip(group, counts) { request.continuation.resume(returning: count) }
            } catch {
                // One request's failure must not fail the others: each is retried on its own.
                for request in group {
                    do {
                        let counts = try await database.transaction { sql in
                            try await store([(request.messages, request.source, request.receivedAt)], sql)
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
