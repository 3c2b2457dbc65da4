import SQLKit

/// The SQL engines Skyport runs on.
public enum SQLEngine: String, Sendable {
    case sqlite
    case postgres
}

/// A database Skyport can run on: read outside a transaction, or do work in one transaction.
///
/// Every value goes into SQL as a bind (`\(bind: value)`), never as text.
public protocol Database: Sendable {
    var engine: SQLEngine { get }

    /// Runs `body` on one connection, outside an explicit transaction. Use for reads.
    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs `body` in one transaction on one connection: committed when it returns, rolled back when it throws.
    func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// A transaction for data derived from other committed data (customer profiles from events): it is
    /// atomic like any other, but its commit does not wait for the disk, so a power loss may undo the
    /// last few, which are then derived again (the consumer's cursor is undone with them).
    func derivedTransaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Refuses new operations, waits for those in flight, then closes every connection. Any
    /// operation afterwards throws `DatabaseError.closed`.
    func close() async

    /// Operations in flight against the connections it may hold.
    var usage: DatabaseUsage { get }

    /// A handle that lends its SQL dialect to serialize statements before a transaction begins
    /// (`SerializedStatement`); never run anything on it. Nil where a transaction holds nothing others
    /// wait for while it builds its statements (PostgreSQL).
    var statementDialect: (any SQLDatabase)? { get }
}

extension Database {
    public var statementDialect: (any SQLDatabase)? { nil }
}

/// Connection-level failures reported by the stores.
public enum DatabaseError: Error, CustomStringConvertible, Sendable {
    case invalidURL(String)
    /// The server could not be reached or refused the connection (the reason says which; never the password).
    case unreachable(String)
    case closed

    public var description: String {
        switch self {
        case .invalidURL(let reason): return "invalid database URL: \(reason)"
        case .unreachable(let reason): return reason
        case .closed: return "the database is closed"
        }
    }
}
