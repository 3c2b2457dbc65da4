import SQLKit

/// Where a consumer of an append-only table (events, the outbox) has read up to, advanced in the same
/// transaction as the work it did, so every row is handled exactly once even across restarts.
public enum ConsumerCursor {
    /// The consumer's position, locked until the transaction ends: on PostgreSQL with `FOR UPDATE`, so a
    /// second instance waits instead of doing the same rows; SQLite's write transaction already excludes.
    public static func lock(_ consumer: String, engine: SQLEngine, on sql: any SQLDatabase, now: Int64) async throws -> Int64 {
        try await sql.raw("""
            INSERT INTO consumer_cursors (consumer, position, updated_at) VALUES (\(bind: consumer), 0, \(bind: now))
            ON CONFLICT (consumer) DO NOTHING
            """).run()
        let lock: SQLQueryString = engine == .postgres ? " FOR UPDATE" : ""
        return try await sql.raw("SELECT position FROM consumer_cursors WHERE consumer = \(bind: consumer)\(lock)")
            .first()?.decode(column: "position", as: Int64.self) ?? 0
    }

    /// Moves the consumer to `position`.
    public static func advance(_ consumer: String, to position: Int64, on sql: any SQLDatabase, now: Int64) async throws {
        try await sql.raw("""
            UPDATE consumer_cursors SET position = \(bind: position), updated_at = \(bind: now) WHERE consumer = \(bind: consumer)
            """).run()
    }

    /// The position without locking it.
    public static func position(_ consumer: String, on sql: any SQLDatabase) async throws -> Int64 {
        try await sql.raw("SELECT position FROM consumer_cursors WHERE consumer = \(bind: consumer)")
            .first()?.decode(column: "position", as: Int64.self) ?? 0
    }

    /// The rows that are safe to consume now, oldest first. On PostgreSQL an id can commit after a higher
    /// one (or never: a rolled-back or conflicting insert leaves a hole), so reading stops at a hole
    /// until the row after it is `grace` old; SQLite's single writer commits ids in order.
    public static func ready<Row>(_ rows: [Row], after position: Int64, engine: SQLEngine, id: (Row) -> Int64,
                                  writtenAt: (Row) -> Int64, now: Int64, grace: Int64) -> [Row] {
        guard engine == .postgres else { return rows }
        var previous = position
        var ready: [Row] = []
        for row in rows {
            if id(row) != previous + 1, now - writtenAt(row) < grace { break }
            ready.append(row)
            previous = id(row)
        }
        return ready
    }
}

extension ConsumerCursor {
    /// One batch of the outbox for `consumer`, in one transaction: locks its position, hands `body` the events safe to
    /// read now (in order, at most `limit`), and moves past them once `body` has done its work in the same transaction;
    /// returns how many events it read. `now` and `graceSeconds` are seconds.
    public static func consumeOutbox(_ consumer: String, database: any Database, limit: Int, now: Int64, graceSeconds: Int64 = 2,
                                     _ body: @escaping @Sendable ([Outbox.Event], any SQLDatabase) async throws -> Void) async throws -> Int {
        try await database.transaction { sql in
            let position = try await lock(consumer, engine: database.engine, on: sql, now: now)
            let events = ready(try await Outbox.events(after: position, limit: limit, on: sql), after: position, engine: database.engine,
                               id: \.id, writtenAt: \.createdAt, now: now, grace: graceSeconds)
            guard let last = events.last else { return 0 }
            try await body(events, sql)
            try await advance(consumer, to: last.id, on: sql, now: now)
            return events.count
        }
    }
}
