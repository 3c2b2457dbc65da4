import SQLKit
import SkyportStore

/// The departures Operations recorded (a flight left at a time), which close its disruption and end its prediction.
enum DepartureStore {
    /// Of `flightIDs`, those with a recorded departure.
    static func departed(among flightIDs: some Collection<String>, on sql: any SQLDatabase) async throws -> Set<String> {
        Set(try await departures(of: flightIDs, on: sql).keys)
    }

    /// When each flight of `flightIDs` that left did, by flight.
    static func departures(of flightIDs: some Collection<String>, on sql: any SQLDatabase) async throws -> [String: Int64] {
        var departed: [String: Int64] = [:]
        for chunk in Array(Set(flightIDs)).chunks(of: 500) {
            let rows = try await sql.raw("SELECT flight_id, departed_at FROM flight_departures WHERE flight_id IN (\(binds: Array(chunk)))").all()
            for row in rows { departed[try row.decode(column: "flight_id", as: String.self)] = try row.decode(column: "departed_at", as: Int64.self) }
        }
        return departed
    }

    /// Records (or corrects) one flight's departure.
    static func set(_ flightID: String, departedAt: Int64, at now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO flight_departures (flight_id, departed_at, recorded_at) VALUES (\(bind: flightID), \(bind: departedAt), \(bind: now))
            ON CONFLICT (flight_id) DO UPDATE SET departed_at = excluded.departed_at, recorded_at = excluded.recorded_at
            """).run()
    }

    /// Records departures, keeping any recorded before for the same flight.
    static func record(_ departures: [(flightID: String, departedAt: Int64)], at now: Int64, on sql: any SQLDatabase) async throws {
        try await BulkInsert.insert(into: "flight_departures", columns: ["flight_id", "departed_at", "recorded_at"],
                                    rows: departures.map { [$0.flightID, $0.departedAt, now] }, onConflict: .keep(key: ["flight_id"]), on: sql)
    }
}
