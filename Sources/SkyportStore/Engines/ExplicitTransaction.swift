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
            try await sql.raw("COMMIT").run()
            return value
        } catch {
            do { try await sql.raw("ROLLBACK").run() } catch { logger.error("rollback failed: \(error)") }
            throw error
        }
    }
}
