import SQLKit
import SkyportDomain
import SkyportStore

extension StormReplay {
    /// How the day went, read back from the database.
    public struct Summary: Sendable, Codable, Equatable {
        public var flights = 0
        public var departed = 0
        public var cancelled = 0
        public var bookings = 0
        /// Disruptions by the highest level each reached.
        public var disruptions: [String: Int] = [:]
        /// Messages worded, and the passengers they were for.
        public var messages = 0
        public var passengersTold = 0
        /// Moves to a held alternative (a booking moved twice counts twice), and bookings refunded.
        public var rebookings = 0
        public var bookingsRefunded = 0
        /// Deliveries by channel and status (`inbox/delivered`, `webhook/pending`, ...).
        public var deliveries: [String: Int] = [:]
        /// Whether every cabin's sold seats equal the seats of its confirmed bookings and live holds, within capacity.
        public var inventoryConsistent = false
    }

    public func summary() async throws -> Summary {
        let day = plan.date.iso
        return try await database.read { sql in
            func count(_ query: SQLQueryString) async throws -> Int {
                try await sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
            }
            var summary = Summary()
            summary.flights = try await count("SELECT COUNT(*) AS n FROM flights WHERE departure_date = \(bind: day)")
            summary.departed = try await count("""
                SELECT COUNT(*) AS n FROM flights f JOIN flight_departures d ON d.flight_id = f.id WHERE f.departure_date = \(bind: day)
                """)
            summary.cancelled = try await count("SELECT COUNT(*) AS n FROM flights WHERE departure_date = \(bind: day) AND status = 'cancelled'")
            // The replay's database holds the replay's bookings only.
            summary.bookings = try await count("SELECT COUNT(*) AS n FROM orders")
            for row in try await sql.raw("SELECT peak_level, COUNT(*) AS n FROM disruptions GROUP BY peak_level").all() {
                summary.disruptions[try row.decode(column: "peak_level", as: String.self)] = try row.decode(column: "n", as: Int.self)
            }
            summary.messages = try await count("SELECT COUNT(*) AS n FROM notifications WHERE status = 'prepared'")
            summary.passengersTold = try await count("SELECT COALESCE(SUM(passengers), 0) AS n FROM notifications WHERE status = 'prepared'")
            summary.rebookings = try await count("SELECT COUNT(*) AS n FROM order_changes WHERE kind = 'rebooked'")
            summary.bookingsRefunded = try await count("SELECT COUNT(DISTINCT order_id) AS n FROM order_changes WHERE kind = 'refunded'")
            for row in try await sql.raw("SELECT channel, status, COUNT(*) AS n FROM notification_deliveries GROUP BY channel, status").all() {
                summary.deliveries["\(try row.decode(column: "channel", as: String.self))/\(try row.decode(column: "status", as: String.self))"] =
                    try row.decode(column: "n", as: Int.self)
            }
            summary.inventoryConsistent = try await count("""
                SELECT COUNT(*) AS n FROM flight_cabins c
                WHERE c.sold > c.capacity OR c.sold <> (
                    SELECT COALESCE(SUM(s.seats), 0) FROM order_segments s JOIN orders o ON o.id = s.order_id
                    WHERE s.flight_id = c.flight_id AND s.cabin = c.cabin AND o.status = 'confirmed')
                  + (SELECT COALESCE(SUM(h.seats), 0) FROM seat_holds h WHERE h.flight_id = c.flight_id AND h.cabin = c.cabin AND h.status = 'held')
                """) == 0
            return summary
        }
    }
}
