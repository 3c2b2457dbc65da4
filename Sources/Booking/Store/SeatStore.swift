import SQLKit
import SkyportDomain
import SkyportStore

/// A passenger's seat on a flight, as stored.
struct SeatAssignmentRow: Decodable, Sendable {
    let flight_id: String, seat: String, order_id: String, passenger_position: Int, segment_position: Int, zone: SeatZone
}

/// Seat assignments (`seat_assignments`, keyed by flight and seat, so that a seat is never given to two passengers
/// whatever runs concurrently on either engine) and seats operators blocked (`seat_blocks`), in the caller's transaction.
enum SeatStore {
    /// Gives `seat` on the flight to the passenger's coupon, replacing the seat they had on it; false when someone
    /// else has the seat (nothing changes).
    static func assign(_ seat: String, zone: SeatZone, flightID: String, orderID: String, passenger: Int, segment: Int,
                       at now: Int64, on sql: any SQLDatabase) async throws -> Bool {
        try await release(orderID: orderID, passenger: passenger, segment: segment, on: sql)
        return !(try await sql.raw("""
            INSERT INTO seat_assignments (flight_id, seat, order_id, passenger_position, segment_position, zone, assigned_at)
            VALUES (\(bind: flightID), \(bind: seat), \(bind: orderID), \(bind: passenger), \(bind: segment), \(bind: zone.rawValue), \(bind: now))
            ON CONFLICT DO NOTHING RETURNING seat
            """).all().isEmpty)
    }

    /// Frees the passenger's seat on the order's flight at `segment`, if any.
    static func release(orderID: String, passenger: Int, segment: Int, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            DELETE FROM seat_assignments WHERE order_id = \(bind: orderID) AND passenger_position = \(bind: passenger)
            AND segment_position = \(bind: segment)
            """).run()
    }

    /// Frees every seat of the order (all flights, or the one at `segment`).
    static func releaseAll(orderID: String, segment: Int? = nil, on sql: any SQLDatabase) async throws {
        let only: SQLQueryString = segment.map { " AND segment_position = \(bind: $0)" } ?? ""
        try await sql.raw("DELETE FROM seat_assignments WHERE order_id = \(bind: orderID)\(only)").run()
    }

    /// The order's seats.
    static func seats(orderID: String, on sql: any SQLDatabase) async throws -> [SeatAssignmentRow] {
        try await sql.raw("""
            SELECT flight_id, seat, order_id, passenger_position, segment_position, zone FROM seat_assignments
            WHERE order_id = \(bind: orderID) ORDER BY segment_position, passenger_position
            """).all(decoding: SeatAssignmentRow.self)
    }

    /// Every taken seat of the flight.
    static func taken(flightID: String, on sql: any SQLDatabase) async throws -> [SeatAssignmentRow] {
        try await sql.raw("""
            SELECT flight_id, seat, order_id, passenger_position, segment_position, zone FROM seat_assignments WHERE flight_id = \(bind: flightID)
            """).all(decoding: SeatAssignmentRow.self)
    }

    /// The flight's blocked seats.
    static func blocked(flightID: String, on sql: any SQLDatabase) async throws -> Set<String> {
        Set(try await sql.raw("SELECT seat FROM seat_blocks WHERE flight_id = \(bind: flightID)").all()
            .map { try $0.decode(column: "seat", as: String.self) })
    }

    /// Blocks a seat (a broken seat, crew rest); false when it was blocked already.
    static func block(_ seat: String, flightID: String, reason: String, operator name: String, at now: Int64, on sql: any SQLDatabase) async throws -> Bool {
        !(try await sql.raw("""
            INSERT INTO seat_blocks (flight_id, seat, reason, operator, blocked_at)
            VALUES (\(bind: flightID), \(bind: seat), \(bind: reason), \(bind: name), \(bind: now)) ON CONFLICT DO NOTHING RETURNING seat
            """).all().isEmpty)
    }

    /// Lifts a block; false when the seat was not blocked.
    static func unblock(_ seat: String, flightID: String, on sql: any SQLDatabase) async throws -> Bool {
        !(try await sql.raw("DELETE FROM seat_blocks WHERE flight_id = \(bind: flightID) AND seat = \(bind: seat) RETURNING seat").all().isEmpty)
    }
}
