import SQLKit
import SkyportStore

/// What Operations is doing, as the command center reads it: aggregates over Operations' tables, in the caller's read.
public enum OperationsFiguresStore {
    /// Messages waiting to be prepared, and deliveries due now.
    public static func notificationBacklog(now: Int64, on sql: any SQLDatabase) async throws -> Int {
        try await sql.count("SELECT COUNT(*) AS n FROM notifications WHERE status = 'queued'")
            + sql.count("SELECT COUNT(*) AS n FROM notification_deliveries WHERE status = 'pending' AND next_attempt_at <= \(bind: now)")
    }

    /// Delivery attempts from `since` on, per channel and outcome.
    public static func attempts(since: Int64, on sql: any SQLDatabase) async throws -> [String: [String: Int]] {
        var attempts: [String: [String: Int]] = [:]
        for row in try await sql.raw("""
            SELECT d.channel, a.outcome, COUNT(*) AS n FROM notification_attempts a JOIN notification_deliveries d ON d.id = a.delivery_id
            WHERE a.attempted_at >= \(bind: since) GROUP BY d.channel, a.outcome ORDER BY d.channel, a.outcome
            """).all() {
            attempts[try row.decode(column: "channel", as: String.self), default: [:]][try row.decode(column: "outcome", as: String.self)] =
                Int(try row.decode(column: "n", as: Int64.self))
        }
        return attempts
    }

    /// Open disruptions per level.
    public static func openDisruptionsByLevel(on sql: any SQLDatabase) async throws -> [String: Int] {
        var open: [String: Int] = [:]
        for row in try await sql.raw("SELECT level, COUNT(*) AS n FROM disruptions WHERE status = 'open' GROUP BY level ORDER BY level").all() {
            open[try row.decode(column: "level", as: String.self)] = Int(try row.decode(column: "n", as: Int64.self))
        }
        return open
    }

}
