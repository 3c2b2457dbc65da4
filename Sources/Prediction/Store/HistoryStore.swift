import SQLKit
import SkyportStore

/// One flight of the 2013 record as it went: its departure delay, nil when it never left (cancelled).
public struct RecordedFlight: Decodable, Sendable, Equatable {
    public let date: String
    public let carrier: String
    public let flightNumber: Int
    public let origin: String
    public let destination: String
    public let departureDelayMinutes: Int?

    enum CodingKeys: String, CodingKey {
        case carrier, origin, destination
        case date = "flight_date", flightNumber = "flight_number", departureDelayMinutes = "departure_delay_minutes"
    }
}

/// The 2013 record as other modules may read it (the storm replay's weather feed and the flights' fates).
public enum HistoryStore {
    /// The record's flights of the local dates in `[first, last]` (`YYYY-MM-DD`).
    public static func flights(from first: String, through last: String, on sql: any SQLDatabase) async throws -> [RecordedFlight] {
        try await sql.raw("""
            SELECT flight_date, carrier, flight_number, origin, destination, departure_delay_minutes FROM historical_flights
            WHERE flight_date >= \(bind: first) AND flight_date <= \(bind: last) ORDER BY id
            """).all(decoding: RecordedFlight.self)
    }

    /// The hourly readings made in `[start, end)` at every airport of the record, oldest first (by airport within an hour).
    public static func weather(from start: Int64, to end: Int64, on sql: any SQLDatabase) async throws -> [(airport: String, reading: WeatherReading)] {
        try await sql.raw("""
            SELECT origin, \(unsafeRaw: WeatherRow.columns) FROM historical_weather
            WHERE observed_at >= \(bind: start) AND observed_at < \(bind: end) ORDER BY observed_at, origin
            """).all().map { row in
            (airport: try row.decode(column: "origin", as: String.self), reading: try row.decode(model: WeatherRow.self).reading)
        }
    }
}
