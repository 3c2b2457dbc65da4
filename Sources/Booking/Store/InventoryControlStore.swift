import Foundation
import SQLKit
import SkyportStore

/// Booking limits, the optimizer's passes and the operators' changes (`booking_limits`, `inventory_optimizations`,
/// `booking_limit_changes`).
enum InventoryControlStore {
    struct LimitRow: Decodable, Sendable {
        let flight_id: String
        let cabin: String
        let class_code: String
        let seat_limit: Int
        let source: String
        let updated_at: Int64
    }

    /// The limits of `ids`' `cabin`, by flight and class code.
    static func limits(of ids: some Collection<String>, cabin: String, on sql: any SQLDatabase) async throws -> [String: [String: Int]] {
        var limits: [String: [String: Int]] = [:]
        for chunk in Array(Set(ids)).chunks(of: 500) {
            for row in try await sql.raw("""
                SELECT flight_id, cabin, class_code, seat_limit, source, updated_at FROM booking_limits
                WHERE cabin = \(bind: cabin) AND flight_id IN (\(binds: Array(chunk)))
                """).all(decoding: LimitRow.self) {
                limits[row.flight_id, default: [:]][row.class_code] = row.seat_limit
            }
        }
        return limits
    }

    /// Every limit of one flight (all cabins).
    static func limitRows(of flightID: String, on sql: any SQLDatabase) async throws -> [LimitRow] {
        try await sql.raw("""
            SELECT flight_id, cabin, class_code, seat_limit, source, updated_at FROM booking_limits WHERE flight_id = \(bind: flightID)
            """).all(decoding: LimitRow.self)
    }

    /// Sets one limit (replacing any), from `source`.
    static func setLimit(_ limit: Int, flightID: String, cabin: String, classCode: String, source: String, at now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO booking_limits (flight_id, cabin, class_code, seat_limit, source, updated_at)
            VALUES (\(bind: flightID), \(bind: cabin), \(bind: classCode), \(bind: limit), \(bind: source), \(bind: now))
            ON CONFLICT (flight_id, cabin, class_code) DO UPDATE SET seat_limit = excluded.seat_limit, source = excluded.source,
                updated_at = excluded.updated_at
            """).run()
    }

    /// Removes one limit: the class follows the optimizer's next pass or the load-factor rule.
    static func removeLimit(flightID: String, cabin: String, classCode: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            DELETE FROM booking_limits WHERE flight_id = \(bind: flightID) AND cabin = \(bind: cabin) AND class_code = \(bind: classCode)
            """).run()
    }

    /// Removes every limit the optimizer set (operators' overrides stay).
    static func removeOptimizedLimits(on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM booking_limits WHERE source = 'optimizer'").run()
        try await sql.raw("DELETE FROM inventory_optimizations").run()
    }

    struct OptimizationRow: Decodable, Sendable {
        let flight_id: String
        let cabin: String
        let sold: Int
        let bid_price_minor: Int64
        let forecast: String
        let optimized_at: Int64
    }

    static func recordOptimization(_ row: OptimizationRow, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO inventory_optimizations (flight_id, cabin, sold, bid_price_minor, forecast, optimized_at)
            VALUES (\(bind: row.flight_id), \(bind: row.cabin), \(bind: row.sold), \(bind: row.bid_price_minor), \(bind: row.forecast), \(bind: row.optimized_at))
            ON CONFLICT (flight_id, cabin) DO UPDATE SET sold = excluded.sold, bid_price_minor = excluded.bid_price_minor,
                forecast = excluded.forecast, optimized_at = excluded.optimized_at
            """).run()
    }

    static func optimizations(of flightID: String, on sql: any SQLDatabase) async throws -> [OptimizationRow] {
        try await sql.raw("""
            SELECT flight_id, cabin, sold, bid_price_minor, forecast, optimized_at FROM inventory_optimizations WHERE flight_id = \(bind: flightID)
            """).all(decoding: OptimizationRow.self)
    }

    struct ChangeRow: Decodable, Sendable {
        let id: String
        let flight_id: String
        let cabin: String
        let class_code: String
        let seat_limit: Int?
        let previous_limit: Int?
        let `operator`: String
        let reason: String
        let changed_at: Int64
    }

    static func recordChange(_ change: ChangeRow, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO booking_limit_changes (id, flight_id, cabin, class_code, seat_limit, previous_limit, operator, reason, changed_at)
            VALUES (\(bind: change.id), \(bind: change.flight_id), \(bind: change.cabin), \(bind: change.class_code), \(bind: change.seat_limit),
                    \(bind: change.previous_limit), \(bind: change.operator), \(bind: change.reason), \(bind: change.changed_at))
            """).run()
    }

    static func changes(of flightID: String, on sql: any SQLDatabase) async throws -> [ChangeRow] {
        try await sql.raw("""
            SELECT id, flight_id, cabin, class_code, seat_limit, previous_limit, operator, reason, changed_at FROM booking_limit_changes
            WHERE flight_id = \(bind: flightID) ORDER BY changed_at DESC, id DESC
            """).all(decoding: ChangeRow.self)
    }

    /// The flights on sale departing in `[start, end)` with each cabin's capacity and sold seats, and the seats
    /// sold when the optimizer last looked (nil: never), by departure.
    struct CabinToOptimize: Decodable, Sendable {
        let flight_id: String
        let origin: String
        let destination: String
        let departure_date: String
        let departs_at: Int64
        let distance_miles: Int
        let cabin: String
        let capacity: Int
        let sold: Int
        let optimized_sold: Int?
        let optimized_at: Int64?
    }

    static func cabinsOnSale(departingFrom start: Int64, to end: Int64, market: (origin: String, destination: String)?,
                             on sql: any SQLDatabase) async throws -> [CabinToOptimize] {
        let only: SQLQueryString = market.map { " AND f.origin = \(bind: $0.origin) AND f.destination = \(bind: $0.destination)" } ?? ""
        return try await sql.raw("""
            SELECT f.id AS flight_id, f.origin, f.destination, f.departure_date, f.departs_at, f.distance_miles, c.cabin, c.capacity, c.sold,
                   o.sold AS optimized_sold, o.optimized_at
            FROM flights f JOIN flight_cabins c ON c.flight_id = f.id
            LEFT JOIN inventory_optimizations o ON o.flight_id = f.id AND o.cabin = c.cabin
            WHERE f.status = 'scheduled' AND f.departs_at >= \(bind: start) AND f.departs_at < \(bind: end)\(only)
            ORDER BY f.departs_at, f.id, c.cabin
            """).all(decoding: CabinToOptimize.self)
    }

    /// Seats booked per flight, cabin and class, with when each order was made and cancelled: the booking history.
    struct BookedSeats: Decodable, Sendable {
        let flight_id: String
        let origin: String
        let destination: String
        let departs_at: Int64
        let cabin: String
        let booking_class: String
        let seats: Int
        let created_at: Int64
        let cancelled_at: Int64?
    }

    static func bookedSeats(departingFrom start: Int64, to end: Int64, market: (origin: String, destination: String)?,
                            on sql: any SQLDatabase) async throws -> [BookedSeats] {
        let only: SQLQueryString = market.map { " AND f.origin = \(bind: $0.origin) AND f.destination = \(bind: $0.destination)" } ?? ""
        return try await sql.raw("""
            SELECT f.id AS flight_id, f.origin, f.destination, f.departs_at, s.cabin, s.booking_class, s.seats, o.created_at, o.cancelled_at
            FROM order_segments s JOIN orders o ON o.id = s.order_id JOIN flights f ON f.id = s.flight_id
            WHERE f.departs_at >= \(bind: start) AND f.departs_at < \(bind: end)\(only)
            """).all(decoding: BookedSeats.self)
    }
}

extension InventoryControlStore {
    /// Seats held per `cabin/class` on one flight by orders not cancelled.
    static func bookedSeats(of flightID: String, on sql: any SQLDatabase) async throws -> [String: Int] {
        var booked: [String: Int] = [:]
        for row in try await sql.raw("""
            SELECT s.cabin, s.booking_class, SUM(s.seats) AS seats FROM order_segments s JOIN orders o ON o.id = s.order_id
            WHERE s.flight_id = \(bind: flightID) AND o.cancelled_at IS NULL GROUP BY s.cabin, s.booking_class
            """).all() {
            booked[try row.decode(column: "cabin", as: String.self) + "/" + row.decode(column: "booking_class", as: String.self)] =
                try row.decode(column: "seats", as: Int.self)
        }
        return booked
    }

    static func hasOrders(on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("SELECT id FROM orders LIMIT 1").first() != nil
    }
}
