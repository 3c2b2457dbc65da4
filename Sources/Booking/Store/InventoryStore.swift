import SQLKit
import SkyportStore

/// The seats of each flight's cabins (`flight_cabins`). Seats are taken by a conditional update that succeeds only
/// while the cabin (or a booking limit below its capacity) has room, so no flight is oversold whatever runs
/// concurrently; on PostgreSQL the cabin row stays locked until the caller's transaction ends.
enum InventoryStore {
    /// Takes `seats` in the cabin if that leaves at most `limit` sold (the cabin's capacity when nil); false when not.
    static func take(_ seats: Int, flightID: String, cabin: String, limit: Int? = nil, on sql: any SQLDatabase) async throws -> Bool {
        let room: SQLQueryString = limit.map { "sold + \(bind: seats) <= \(bind: $0)" } ?? "capacity - sold >= \(bind: seats)"
        return !(try await sql.raw("""
            UPDATE flight_cabins SET sold = sold + \(bind: seats) WHERE flight_id = \(bind: flightID) AND cabin = \(bind: cabin) AND \(room)
            RETURNING sold
            """).all().isEmpty)
    }

    /// Puts `seats` of the cabin back on sale.
    static func giveBack(_ seats: Int, flightID: String, cabin: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE flight_cabins SET sold = sold - \(bind: seats) WHERE flight_id = \(bind: flightID) AND cabin = \(bind: cabin)").run()
    }
}
