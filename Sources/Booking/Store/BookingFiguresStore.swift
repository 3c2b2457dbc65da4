import SQLKit
import SkyportDomain
import SkyportStore

/// What the booking engine has sold, as other modules may read it (the command center's figures and board, the
/// customer data platform's popular destinations): aggregates over Booking's tables, in the caller's read.
public enum BookingFiguresStore {
    /// What was booked from `since` on (0: since the first order).
    public struct Totals: Sendable, Equatable {
        public let orders: Int
        public let seatsSold: Int
        public let cancellations: Int
        /// Orders moved to another flight for a disruption.
        public let rebookings: Int
        /// Minor units per currency.
        public let revenue: [String: Int64]
    }

    public static func totals(since: Int64, on sql: any SQLDatabase) async throws -> Totals {
        var revenue: [String: Int64] = [:]
        for row in try await sql.raw("""
            SELECT currency, CAST(SUM(total_amount) AS BIGINT) AS amount FROM orders WHERE created_at >= \(bind: since) GROUP BY currency ORDER BY currency
            """).all() {
            revenue[try row.decode(column: "currency", as: String.self)] = try row.decode(column: "amount", as: Int64.self)
        }
        return Totals(
            orders: try await sql.count("SELECT COUNT(*) AS n FROM orders WHERE created_at >= \(bind: since)"),
            seatsSold: try await sql.count("""
                SELECT CAST(COALESCE(SUM(s.seats), 0) AS BIGINT) AS n FROM order_segments s JOIN orders o ON o.id = s.order_id
                WHERE o.created_at >= \(bind: since)
                """),
            cancellations: try await sql.count("SELECT COUNT(*) AS n FROM orders WHERE cancelled_at >= \(bind: since)"),
            rebookings: try await sql.count("SELECT COUNT(*) AS n FROM order_changes WHERE kind = 'rebooked' AND created_at >= \(bind: since)"),
            revenue: revenue)
    }

    /// Orders created per step of `step` seconds from `since` on: the start of each step that has any, and its count.
    public static func ordersPerStep(since: Int64, step: Int64, on sql: any SQLDatabase) async throws -> [(start: Int64, count: Int)] {
        try await sql.raw("""
            SELECT (created_at / \(literal: step)) * \(literal: step) AS step_start, COUNT(*) AS n FROM orders
            WHERE created_at >= \(bind: since) GROUP BY step_start ORDER BY step_start
            """).all().map { (start: try $0.decode(column: "step_start", as: Int64.self), count: Int(try $0.decode(column: "n", as: Int64.self))) }
    }

    /// Seats sold over seats offered on the departures of the seven days from `start` that are not cancelled.
    public static func loadFactor(from start: Int64, on sql: any SQLDatabase) async throws -> Double? {
        let load = try await sql.raw("""
            SELECT CAST(SUM(c.sold) AS BIGINT) AS sold, CAST(SUM(c.capacity) AS BIGINT) AS capacity
            FROM flights f JOIN flight_cabins c ON c.flight_id = f.id
            WHERE f.departs_at >= \(bind: start) AND f.departs_at < \(bind: start + 7 * 86_400) AND f.status <> 'cancelled'
            """).first()
        guard let capacity = try load?.decode(column: "capacity", as: Int64?.self), capacity > 0 else { return nil }
        return Double(try load?.decode(column: "sold", as: Int64?.self) ?? 0) / Double(capacity)
    }

    /// Markets ranked by the seats of confirmed orders created from `since` on (first segments only), at most 50.
    public static func marketsBySeatsSold(since: Int64, on sql: any SQLDatabase) async throws -> [(origin: String, destination: String)] {
        try await sql.raw("""
            SELECT f.origin, f.destination, SUM(s.seats) AS seats FROM order_segments s
            JOIN orders o ON o.id = s.order_id JOIN flights f ON f.id = s.flight_id
            WHERE o.created_at >= \(bind: since) AND o.status = 'confirmed' AND s.position = 0
            GROUP BY f.origin, f.destination ORDER BY seats DESC, f.origin, f.destination LIMIT 50
            """).all().map { (origin: try $0.decode(column: "origin", as: String.self), destination: try $0.decode(column: "destination", as: String.self)) }
    }

    /// How many flights the schedule holds.
    public static func flightCount(on sql: any SQLDatabase) async throws -> Int {
        try await sql.count("SELECT COUNT(*) AS n FROM flights")
    }

    /// How many orders there are, in any status.
    public static func orderCount(on sql: any SQLDatabase) async throws -> Int {
        try await sql.count("SELECT COUNT(*) AS n FROM orders")
    }
}
