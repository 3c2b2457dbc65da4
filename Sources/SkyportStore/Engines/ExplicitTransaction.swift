import Logging
import SQLKit

/// `BEGIN` ... `COMMIT` on one connection, rolled back when the body throws. SQLKit has no
/// transaction API of its own, so both stores share this.
enum ExplicitTransaction {
    static func run<T: Sendable>(on sql: any SQLDatabase, begin: SQLQueryString, logger: Logger,
                                 _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await sql.raw(begin).run()
        do {
            let value = try await body(sql)
            try await finish("COMMIT", on: sql)
            return value
        } catch {
            do { try await finish("ROLLBACK", on: sql) } catch { logger.error("rollback failed: \(error)") }
            throw error
        }
    }

    /// Ends the transaction even when the task that ran it was cancelled meanwhile: the drivers refuse to
    /// start a statement in a cancelled task, and a connection left inside a transaction would refuse every
    /// later one (on SQLite, the only writer). A new task does not inherit the cancellation.
    static func finish(_ statement: SQLQueryString, on sql: any SQLDatabase) async throws {
        try await Task { try await sql.raw(statement).run() }.value
    }
}
