import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit

/// SQLite in one file, in WAL mode: one writer connection (write transactions are serialized in
/// the process, which is the only writer) and a few reader connections that never block it.
public final class SQLiteStore: Database {
    public let engine = SQLEngine.sqlite
    public let path: String
    private let writer: LeasePool<SQLiteConnection>
    /// `synchronous` of every commit but derived ones.
    private let durability: Durability
    private let readers: LeasePool<SQLiteConnection>
    private let readerCount: Int
    private let operations = OperationGate()
    private let logger: Logger
    /// The writer's own thread: on the shared pool (one thread a core) its statements queued behind
    /// long reads, and every write transaction, collection's included, was held open that much longer.
    private let writerThread: NIOThreadPool
    /// A reader's handle, used only for its dialect.
    public let statementDialect: (any SQLDatabase)?

    /// How commits reach the disk. `full` syncs the WAL on every commit (an acknowledged order
    /// survives power loss); `normal` survives a process crash but may lose the last commits on power loss.
    public enum Durability: String, Sendable {
        case full = "FULL"
        case normal = "NORMAL"
    }

    private init(path: String, writer: SQLiteConnection, writerThread: NIOThreadPool, readers: [SQLiteConnection], durability: Durability,
                 logger: Logger) {
        self.writerThread = writerThread
        statementDialect = readers.first?.sql(queryLogLevel: nil)
        self.durability = durability
        self.path = path
        self.writer = LeasePool([writer])
        self.readers = LeasePool(readers)
        readerCount = readers.count
        self.logger = logger
    }

    /// Opens (creating if needed) the database file at `path`.
    public static func open(path: String, readers: Int = 4, durability: Durability = .full, logger: Logger) async throws -> SQLiteStore {
        let writerThread = NIOThreadPool(numberOfThreads: 1)
        writerThread.start()
        var opened: [SQLiteConnection] = []
        do {
            let writer = try await openConnection(path: path, durability: durability, threadPool: writerThread, logger: logger)
            opened.append(writer)
            for _ in 0..<max(1, readers) {
                opened.append(try await openConnection(path: path, durability: durability, logger: logger))
            }
            return SQLiteStore(path: path, writer: writer, writerThread: writerThread, readers: Array(opened.dropFirst()), durability: durability,
                               logger: logger)
        } catch {
            // A connection dropped without closing asserts at deinit.
            for connection in opened { try? await connection.close() }
            try? await writerThread.shutdownGracefully()
            throw error
        }
    }

    private static func openConnection(path: String, durability: Durability, threadPool: NIOThreadPool = .singleton,
                                       logger: Logger) async throws -> SQLiteConnection {
        let connection = try await SQLiteConnection.open(storage: .file(path: path), threadPool: threadPool, logger: logger,
                                                         on: MultiThreadedEventLoopGroup.singleton.any())
        do {
            let sql = connection.sql(queryLogLevel: nil)
            // PRAGMA values cannot be bound; these are constants from this file, never input.
            try await sql.raw("PRAGMA busy_timeout = 10000").run()
            try await sql.raw("PRAGMA journal_mode = WAL").run()
            try await sql.raw(SQLQueryString("PRAGMA synchronous = \(unsafeRaw: durability.rawValue)")).run()
            try await sql.raw("PRAGMA foreign_keys = ON").run()
            // Erased customer data must not linger in free pages of the file.
            try await sql.raw("PRAGMA secure_delete = ON").run()
            // Measured under the customer data platform's load: the default 2 MB page cache spilled to the
            // file, and statement journals of multi-row upserts went to temporary files.
            try await sql.raw("PRAGMA cache_size = -32768").run()
            try await sql.raw("PRAGMA temp_store = MEMORY").run()
            try await sql.raw("PRAGMA mmap_size = 268435456").run()
            // Checkpoints copy each changed page once, however often it changed: fewer, larger ones write less.
            try await sql.raw("PRAGMA wal_autocheckpoint = 8000").run()
        } catch {
            try? await connection.close()
            throw error
        }
        return connection
    }

    /// The readers and the one writer.
    public var usage: DatabaseUsage { DatabaseUsage(operationsInFlight: operations.current, connections: readerCount + 1) }

    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await operations.admitting {
            try await readers.withLease { connection in
                try await body(connection.sql(queryLogLevel: nil))
            }
        }
    }

    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await operations.admitting {
            try await writer.withLease { connection in
                try await ExplicitTransaction.run(on: connection.sql(queryLogLevel: nil), begin: "BEGIN IMMEDIATE", logger: logger, body)
            }
        }
    }

    public func derivedTransaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await operations.admitting { try await derivedTransactionOnWriter(body) }
    }

    private func derivedTransactionOnWriter<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await writer.withLease { connection in
            let sql = connection.sql(queryLogLevel: nil)
            // In WAL mode, NORMAL skips the sync at commit; the next FULL commit syncs these pages too.
            try await sql.raw("PRAGMA synchronous = NORMAL").run()
            do {
                let value = try await ExplicitTransaction.run(on: sql, begin: "BEGIN IMMEDIATE", logger: logger, body)
                try await sql.raw(SQLQueryString("PRAGMA synchronous = \(unsafeRaw: durability.rawValue)")).run()
                return value
            } catch {
                try? await sql.raw(SQLQueryString("PRAGMA synchronous = \(unsafeRaw: durability.rawValue)")).run()
                throw error
            }
        }
    }

    public func close() async {
        await operations.close()
        for connection in await writer.drain() + readers.drain() {
            try? await connection.close()
        }
        try? await writerThread.shutdownGracefully()
    }
}
