import SQLKit
import SkyportStore

/// Seats held for disrupted orders (`seat_holds`), in the caller's transaction.
enum SeatHoldStore {
    static func insert(_ hold: SeatHold, at now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO seat_holds (id, flight_id, cabin, seats, order_id, disruption_id, disrupted_flight_id, status, created_at, expires_at)
            VALUES (\(bind: hold.id), \(bind: hold.flightID), \(bind: hold.cabin), \(bind: hold.seats), \(bind: hold.orderID),
                    \(bind: hold.disruptionID), \(bind: hold.disruptedFlightID), \(bind: hold.status.rawValue), \(bind: now), \(bind: hold.expiresAt))
            """).run()
    }

    /// One hold; with `locking`, its row stays locked until the transaction ends (PostgreSQL).
    static func hold(_ id: String, locking: Bool, on sql: any SQLDatabase) async throws -> SeatHold? {
        try await sql.raw("SELECT \(unsafeRaw: SeatHold.columns) FROM seat_holds WHERE id = \(bind: id)\(unsafeRaw: locking ? " FOR UPDATE" : "")")
            .first(decoding: SeatHold.Row.self)?.hold
    }

    /// The order's holds for a disruption still held (and good at `now`, when given); with `locking`, their rows stay locked.
    static func held(orderID: String, disruptionID: String, goodAt now: Int64? = nil, locking: Bool = false,
                     on sql: any SQLDatabase) async throws -> [SeatHold] {
        let unexpired: SQLQueryString = now.map { " AND expires_at > \(bind: $0)" } ?? ""
        return try await sql.raw("""
            SELECT \(unsafeRaw: SeatHold.columns) FROM seat_holds
            WHERE order_id = \(bind: orderID) AND disruption_id = \(bind: disruptionID) AND status = 'held'\(unexpired)
            ORDER BY expires_at, id\(unsafeRaw: locking ? " FOR UPDATE" : "")
            """).all(decoding: SeatHold.Row.self).map(\.hold)
    }

    /// The order's holds in any state, newest first.
    static func holds(orderID: String, on sql: any SQLDatabase) async throws -> [SeatHold] {
        try await sql.raw("SELECT \(unsafeRaw: SeatHold.columns) FROM seat_holds WHERE order_id = \(bind: orderID) ORDER BY created_at DESC, id")
            .all(decoding: SeatHold.Row.self).map(\.hold)
    }

    /// Up to `limit` holds still held past their expiry, oldest first; with `skipLocked`, rows another transaction
    /// holds are passed over (PostgreSQL), so that each is released once.
    static func expired(at now: Int64, limit: Int, skipLocked: Bool, on sql: any SQLDatabase) async throws -> [SeatHold] {
        try await sql.raw("""
            SELECT \(unsafeRaw: SeatHold.columns) FROM seat_holds WHERE status = 'held' AND expires_at <= \(bind: now)
            ORDER BY expires_at LIMIT \(bind: limit)\(unsafeRaw: skipLocked ? " FOR UPDATE SKIP LOCKED" : "")
            """).all(decoding: SeatHold.Row.self).map(\.hold)
    }

    /// Ends a hold: used by a rebooking, released or expired.
    static func close(_ id: String, as status: SeatHold.Status, at now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE seat_holds SET status = \(bind: status.rawValue), closed_at = \(bind: now) WHERE id = \(bind: id)").run()
    }
}
