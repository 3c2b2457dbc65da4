import SQLKit
import SkyportStore

/// Queues the messages of a disruption level: one per confirmed booking on the flight, in the transaction
/// that reached the level, so a level is never reached without its messages nor told twice (one message per
/// disruption, level and booking, by a unique key). Each message covers every passenger on its booking
/// and goes to the booking's contact; it is worded and sent afterwards (`NotificationPreparer`).
public enum NotificationQueue {
    /// Queues the messages; returns how many bookings were new to this level.
    @discardableResult
    public static func enqueue(_ reached: DisruptionService.LevelReached, at now: Int64, on sql: any SQLDatabase) async throws -> Int {
        // The disruption row already holds the level reached: it was written earlier in this transaction.
        try await insert(bookingsWhere: "x.id = \(bind: reached.disruptionID)", at: now, on: sql)
    }

    /// Bookings on a disrupted flight that were never told of its disruption: made, or moved onto the flight,
    /// after it reached its level. Each is queued one message at the disruption's current level; returns how many.
    @discardableResult
    public static func enqueueLateBookings(at now: Int64, in database: any Database) async throws -> Int {
        let untold: SQLQueryString = """
            x.status = 'open' AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.order_id = o.id AND n.disruption_id = x.id)
            """
        // Looked for first: most passes find nobody, and a read does not take SQLite's writer.
        let found = try await database.read { sql in
            try await sql.raw("SELECT COUNT(*) AS n \(bookings) AND \(untold)").first()?.decode(column: "n", as: Int.self) ?? 0
        }
        guard found > 0 else { return 0 }
        return try await database.transaction { sql in try await insert(bookingsWhere: untold, at: now, on: sql) }
    }

    /// The confirmed bookings on disrupted flights (`x` the disruption, `o` the order).
    static let bookings: SQLQueryString = """
        FROM disruptions x JOIN order_segments s ON s.flight_id = x.flight_id JOIN orders o ON o.id = s.order_id
        LEFT JOIN customers c ON c.id = o.customer_id
        WHERE o.status = 'confirmed'
        """

    /// Queues a message at its disruption's level for each booking that `condition` selects.
    static func insert(bookingsWhere condition: SQLQueryString, at now: Int64, on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("""
            INSERT INTO notifications (id, disruption_id, level, order_id, customer_id, language, passengers, status, created_at)
            SELECT 'ntf_' || x.id || '_' || x.level || '_' || o.id, x.id, x.level, o.id, o.customer_id,
                   COALESCE(o.language, c.preferred_language, 'en'),
                   (SELECT COUNT(*) FROM order_passengers p WHERE p.order_id = o.id), 'queued', \(bind: now)
            \(bookings) AND \(condition)
            ON CONFLICT (disruption_id, level, order_id) DO NOTHING
            RETURNING id
            """).all().count
    }
}
