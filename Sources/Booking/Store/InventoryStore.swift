import SQLKit
import SkyportStore

/// The seats of each flight's cabins (`flight_cabins`). Seats are taken by a conditional update that succeeds only
/// while the cabin (or a booking limit below its capacity) has room, so no flight is oversold whatever runs
/// concurrently; on PostgreSQL the cabin row stays locked until the caller's transaction ends.
enum InventoryStore {
    /// Takes `seats` in the cabin if that leaves at most `limit` sold (the cabin's capacity when nil); false when not.
    static func take(_ seats: Int, flightID: String, cabin: String, limit: Int? = nil, on sql: any SQLDatabase) async throws -> Bool {
        let room: SQLQueryString = limit.map { "sold + \(bind: seats) <= \(bind: $0)" } ?? "capacity - sold >= \(bind: seats)"
        let taken = !(try await sql.raw("""
            UPDATE flight_cabins SET sold = sold + \(bind: seats), version = version + 1
            WHERE flight_id = \(bind: flightID) AND cabin = \(bind: cabin) AND \(room)
            RETURNING sold
            """).all().isEmpty)
        return taken
    }

    /// Puts `seats` of the cabin back on sale.
    static func giveBack(_ seats: Int, flightID: String, cabin: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            UPDATE flight_cabins SET sold = sold - \(bind: seats), version = version + 1 WHERE flight_id = \(bind: flightID) AND cabin = \(bind: cabin)
            """).run()
    }

    /// Moves the flight's cabins' versions on, in the caller's transaction (a limit changed, the flight cancelled):
    /// what a search cached of its market and date is not used again. Seats taken and given back move them in the
    /// same statement.
    static func bumpVersion(of flightID: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE flight_cabins SET version = version + 1 WHERE flight_id = \(bind: flightID)").run()
    }

    /// The inventory version of one market, date and cabin: how many flights it has and the sum of their versions.
    /// Versions only grow and flights are never removed, so any change to any of them changes it.
    static func version(origin: String, destination: String, date: String, cabin: String, on sql: any SQLDatabase) async throws -> InventoryVersion {
        guard let row = try await sql.raw("""
            SELECT COUNT(*) AS flights, CAST(COALESCE(SUM(c.version), 0) AS BIGINT) AS changes
            FROM flights f JOIN flight_cabins c ON c.flight_id = f.id AND c.cabin = \(bind: cabin)
            WHERE f.origin = \(bind: origin) AND f.destination = \(bind: destination) AND f.departure_date = \(bind: date)
            """).first() else { return InventoryVersion(flights: 0, changes: 0) }
        return InventoryVersion(flights: try row.decode(column: "flights", as: Int.self), changes: try row.decode(column: "changes", as: Int64.self))
    }
}

/// A market-day's inventory version: its flights and the sum of their cabins' versions.
struct InventoryVersion: Hashable, Sendable {
    let flights: Int
    let changes: Int64
}
