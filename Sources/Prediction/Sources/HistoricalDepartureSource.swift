import SQLKit
import SkyportDomain
import SkyportStore

/// The 2013 departures from New York and their hourly weather (`historical_flights`, `historical_weather`).
public struct HistoricalDepartureSource: DepartureSource {
    let database: any Database
    public let name = "history"

    public init(database: any Database) {
        self.database = database
    }

    struct FlightRow: Decodable {
        let id: Int64
        let flight_date: String
        let carrier: String
        let flight_number: Int
        let tail_number: String?
        let origin: String
        let destination: String
        let scheduled_departure_hhmm: Int
        let distance_miles: Int
        let scheduled_hour_at: Int64
        let aircraft_seats: Int?
        let aircraft_year_built: Int?

        var departure: ScheduledDeparture? {
            guard let date = LocalDate(iso: flight_date) else { return nil }
            let minuteOfDay = (scheduled_departure_hhmm / 100) * 60 + scheduled_departure_hhmm % 100
            return ScheduledDeparture(
                reference: String(id), carrier: carrier, flightNumber: flight_number, origin: origin, destination: destination,
                scheduledAt: scheduled_hour_at + Int64(scheduled_departure_hhmm % 100) * 60, localDate: date,
                localMinuteOfDay: minuteOfDay, distanceMiles: distance_miles, tailNumber: tail_number,
                aircraftSeats: aircraft_seats, aircraftYearBuilt: aircraft_year_built)
        }
    }

    private static let flightColumns = """
        f.id, f.flight_date, f.carrier, f.flight_number, f.tail_number, f.origin, f.destination,
        f.scheduled_departure_hhmm, f.distance_miles, f.scheduled_hour_at, f.aircraft_seats, f.aircraft_year_built
        FROM historical_flights f
        """

    public func departure(reference: String) async throws -> ScheduledDeparture? {
        guard let id = Int64(reference) else { return nil }
        return try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: Self.flightColumns) WHERE f.id = \(bind: id)").first(decoding: FlightRow.self)?.departure
        }
    }

    public func departures(scheduledFrom start: Int64, to end: Int64) async throws -> [ScheduledDeparture] {
        try await database.read { sql in
            // scheduled_hour_at is the hour of departure: widen by an hour, then filter on the minute.
            try await sql.raw("""
                SELECT \(unsafeRaw: Self.flightColumns)
                WHERE f.scheduled_hour_at >= \(bind: start - 3600) AND f.scheduled_hour_at < \(bind: end)
                ORDER BY f.scheduled_hour_at, f.scheduled_departure_hhmm, f.id
                """).all(decoding: FlightRow.self)
        }.compactMap(\.departure).filter { $0.scheduledAt >= start && $0.scheduledAt < end }
    }

    struct DepartureRow: Decodable {
        let carrier: String
        let flight_number: Int
        let destination: String
        let tail_number: String?
        let scheduled_departure_hhmm: Int
        let scheduled_hour_at: Int64
        let departure_delay_minutes: Int?
    }

    public func timeline(airport: String, from start: Int64, to end: Int64) async throws -> OriginTimeline {
        try await database.read { sql in
            let departures = try await sql.raw("""
                SELECT carrier, flight_number, destination, tail_number, scheduled_departure_hhmm, scheduled_hour_at, departure_delay_minutes
                FROM historical_flights
                WHERE origin = \(bind: airport) AND scheduled_hour_at >= \(bind: start - 3600) AND scheduled_hour_at < \(bind: end)
                """).all(decoding: DepartureRow.self).map { row in
                    let scheduledAt = row.scheduled_hour_at + Int64(row.scheduled_departure_hhmm % 100) * 60
                    return DepartureRecord(carrier: row.carrier, flightNumber: row.flight_number, destination: row.destination, tailNumber: row.tail_number, scheduledAt: scheduledAt,
                                           departedAt: row.departure_delay_minutes.map { scheduledAt + Int64($0) * 60 })
                }
            let weather = try await sql.raw("""
                SELECT \(unsafeRaw: WeatherRow.columns) FROM historical_weather
                WHERE origin = \(bind: airport) AND observed_at >= \(bind: start) AND observed_at < \(bind: end)
                """).all(decoding: WeatherRow.self).map(\.reading)
            return OriginTimeline(airport: airport, departures: departures, weather: weather)
        }
    }

    public func outcomes(of references: [String]) async throws -> [String: Double] {
        let ids = references.compactMap { Int64($0) }
        guard !ids.isEmpty else { return [:] }
        return try await database.read { sql in
            var outcomes: [String: Double] = [:]
            for chunk in ids.chunks(of: 500) {
                let rows = try await sql.select().column("id").column("departure_delay_minutes").from("historical_flights")
                    .where("id", .in, Array(chunk)).where("departure_delay_minutes", .isNot, SQLLiteral.null).all()
                for row in rows {
                    outcomes[String(try row.decode(column: "id", as: Int64.self))] =
                        Double(try row.decode(column: "departure_delay_minutes", as: Int.self))
                }
            }
            return outcomes
        }
    }
}

/// A weather row in the units of the 2013 record, as `historical_weather` and Operations' `weather_observations`
/// both store it: the owner of each table selects `columns` and decodes it into the reading the model sees.
public struct WeatherRow: Decodable, Sendable {
    public static let columns = """
        observed_at, temperature_f, dew_point_f, humidity_percent, wind_direction_deg, wind_speed_mph, wind_gust_mph,
        precipitation_in, pressure_mb, visibility_mi
        """
    let observed_at: Int64
    let temperature_f: Double?
    let dew_point_f: Double?
    let humidity_percent: Double?
    let wind_direction_deg: Double?
    let wind_speed_mph: Double?
    let wind_gust_mph: Double?
    let precipitation_in: Double?
    let pressure_mb: Double?
    let visibility_mi: Double?

    public var reading: WeatherReading {
        WeatherReading(observedAt: observed_at, temperatureF: temperature_f, dewPointF: dew_point_f, humidityPercent: humidity_percent,
                       windDirectionDeg: wind_direction_deg, windSpeedMph: wind_speed_mph, windGustMph: wind_gust_mph,
                       precipitationIn: precipitation_in, pressureMb: pressure_mb, visibilityMi: visibility_mi)
    }
}
