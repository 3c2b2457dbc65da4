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
            UPDATE flight_cabins SET sold = sold + \(bind: seats) WHERE flight_id = \(bind: flightID) AND cabin = \(bind: cabin) AND \(room)
            RETURNING sold
            """).all().isEmpty)
        if taken { try await bumpVersion(of: flightID, on: sql) }
        return taken
    }

    /// Puts `seats` of the cabin back on sale.
    static func giveBack(_ seats: Int, flightID: String, cabin: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE flight_cabins SET sold = sold - \(bind: seats) WHERE flight_id = \(bind: flightID) AND cabin = \(bind: cabin)").run()
        try await bumpVersion(of: flightID, on: sql)
    }

    /// Moves the inventory version of the flight's market and date on, in the caller's transaction: every seat taken
    /// or given back and every limit changed does, so that what a search cached from an older version is not used again.
    static func bumpVersion(of flightID: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO inventory_versions (origin, destination, departure_date, version)
            SELECT origin, destination, departure_date, 1 FROM flights WHERE id = \(bind: flightID)
            ON CONFLICT (origin, destination, departure_date) DO UPDATE SET version = inventory_versions.version + 1
            """).run()
    }

    /// Moves on the version of every market and date with flights from `first` through `last` (a schedule import).
    static func bumpVersions(from first: String, through last: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO inventory_versions (origin, destination, departure_date, version)
            SELECT origin, destination, departure_date, 1 FROM flights
            WHERE departure_date >= \(bind: first) AND departure_date <= \(bind: last) GROUP BY origin, destination, departure_date
            ON CONFLICT (origin, destination, departure_date) DO UPDATE SET version = inventory_versions.version + 1
            """).run()
    }

    /// The inventory version of one market and date (0 while nothing has changed).
    static func version(origin: String, destination: String, date: String, on sql: any SQLDatabase) async throws -> Int64 {
        try await sql.raw("""
            SELECT version FROM inventory_versions WHERE origin = \(bind: origin) AND destination = \(bind: destination) AND departure_date = \(bind: date)
            """).first()?.decode(column: "version", as: Int64.self) ?? 0
    }

    /// The inventory version of each market and date asked for (0 where nothing has changed yet).
    static func versions(origin: String, destination: String, from first: String, through last: String,
                         on sql: any SQLDatabase) async throws -> [String: Int64] {
        var versions: [String: Int64] = [:]
        for row in try await sql.raw("""
            SELECT departure_date, version FROM inventory_versions
            WHERE origin = \(bind: origin) AND destination = \(bind: destination)
              AND departure_date >= \(bind: first) AND departure_date <= \(bind: last)
            """).all() {
            versions[try row.decode(column: "departure_date", as: String.self)] = try row.decode(column: "version", as: Int64.self)
        }
        return versions
    }
}
