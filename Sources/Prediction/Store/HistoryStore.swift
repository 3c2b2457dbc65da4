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

/// One route's departures on one day of the 2013 record: how many left, and the seats of those whose aircraft the
/// registry gives.
public struct RecordedRouteDay: Decodable, Sendable, Equatable {
    public let date: String
    public let origin: String
    public let destination: String
    /// Departures that left (a cancelled flight carried no one).
    public let departures: Int
    /// Of those, the ones whose aircraft's seats are known, and their seats.
    public let departuresWithSeats: Int
    public let seats: Int

    public init(date: String, origin: String, destination: String, departures: Int, departuresWithSeats: Int, seats: Int) {
        self.date = date
        self.origin = origin
        self.destination = destination
        self.departures = departures
        self.departuresWithSeats = departuresWithSeats
        self.seats = seats
    }

    enum CodingKeys: String, CodingKey {
        case origin, destination, departures, seats
        case date = "flight_date", departuresWithSeats = "departures_with_seats"
    }
}

extension HistoryStore {
    /// Every route's departures and seats per day of the local dates in `[first, last]`, by date then route.
    public static func routeDays(from first: String, through last: String, on sql: any SQLDatabase) async throws -> [RecordedRouteDay] {
        try await sql.raw("""
            SELECT flight_date, origin, destination, CAST(COUNT(*) AS BIGINT) AS departures,
                   CAST(COUNT(aircraft_seats) AS BIGINT) AS departures_with_seats, CAST(COALESCE(SUM(aircraft_seats), 0) AS BIGINT) AS seats
            FROM historical_flights
            WHERE flight_date >= \(bind: first) AND flight_date <= \(bind: last) AND departure_delay_minutes IS NOT NULL
            GROUP BY flight_date, origin, destination ORDER BY flight_date, origin, destination
            """).all(decoding: RecordedRouteDay.self)
    }
}
