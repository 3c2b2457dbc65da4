import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// The flights on sale (`flights`), the departures recorded for them (`flight_departures`) and the
/// weather observed at their airports (`weather_observations`).
public struct ScheduleDepartureSource: DepartureSource {
    let database: any Database
    public let name = "schedule"

    public init(database: any Database) {
        self.database = database
    }

    struct FlightRow: Decodable {
        let id: String
        let carrier: String
        let flight_number: Int
        let origin: String
        let destination: String
        let departure_date: String
        let departs_at: Int64
        let distance_miles: Int
        let tail_number: String?
        let time_zone: String
        let seats: Int?
        let year_built: Int?

        var departure: ScheduledDeparture? {
            guard let date = LocalDate(iso: departure_date), let clock = WallClock(timeZoneIdentifier: time_zone) else { return nil }
            return ScheduledDeparture(
                reference: id, carrier: carrier, flightNumber: flight_number, origin: origin, destination: destination,
                scheduledAt: departs_at, localDate: date,
                localMinuteOfDay: clock.localMinutes(of: Date(timeIntervalSince1970: TimeInterval(departs_at))),
                distanceMiles: distance_miles, tailNumber: tail_number, aircraftSeats: seats, aircraftYearBuilt: year_built)
        }
    }

    private static let flightColumns = """
        f.id, f.carrier, f.flight_number, f.origin, f.destination, f.departure_date, f.departs_at, f.distance_miles,
        f.tail_number, p.time_zone, a.seats, a.year_built
        FROM flights f JOIN airports p ON p.code = f.origin LEFT JOIN aircraft a ON a.tail_number = f.tail_number
        """

    public func departure(reference: String) async throws -> ScheduledDeparture? {
        try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: Self.flightColumns) WHERE f.id = \(bind: reference)").first(decoding: FlightRow.self)?.departure
        }
    }

    public func departures(scheduledFrom start: Int64, to end: Int64) async throws -> [ScheduledDeparture] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT \(unsafeRaw: Self.flightColumns)
                WHERE f.departs_at >= \(bind: start) AND f.departs_at < \(bind: end) ORDER BY f.departs_at, f.id
                """).all(decoding: FlightRow.self)
        }.compactMap(\.departure)
    }

    struct DepartureRow: Decodable {
        let carrier: String
        let flight_number: Int
        let destination: String
        let tail_number: String?
        let departs_at: Int64
        let departed_at: Int64?
    }

    public func timeline(airport: String, from start: Int64, to end: Int64) async throws -> OriginTimeline {
        try await database.read { sql in
            let departures = try await sql.raw("""
                SELECT f.carrier, f.flight_number, f.destination, f.tail_number, f.departs_at, d.departed_at
                FROM flights f LEFT JOIN flight_departures d ON d.flight_id = f.id
                WHERE f.origin = \(bind: airport) AND f.departs_at >= \(bind: start) AND f.departs_at < \(bind: end)
                """).all(decoding: DepartureRow.self).map {
                    DepartureRecord(carrier: $0.carrier, flightNumber: $0.flight_number, destination: $0.destination, tailNumber: $0.tail_number, scheduledAt: $0.departs_at, departedAt: $0.departed_at)
                }
            let weather = try await sql.raw("""
                SELECT \(unsafeRaw: WeatherRow.columns) FROM weather_observations
                WHERE station = \(bind: airport) AND observed_at >= \(bind: start) AND observed_at < \(bind: end)
                """).all(decoding: WeatherRow.self).map(\.reading)
            // Departures are recorded once operations feed them (issue 6); until a flight here has one, there is no feed.
            return OriginTimeline(airport: airport, departures: departures, weather: weather,
                                  recordsDepartures: departures.contains { $0.departedAt != nil })
        }
    }

    public func outcomes(of references: [String]) async throws -> [String: Double] {
        guard !references.isEmpty else { return [:] }
        return try await database.read { sql in
            var outcomes: [String: Double] = [:]
            for chunk in references.chunks(of: 500).map(Array.init) {
                let rows = try await sql.raw("""
                    SELECT f.id, f.departs_at, d.departed_at FROM flights f JOIN flight_departures d ON d.flight_id = f.id
                    WHERE f.id IN (\(binds: chunk))
                    """).all()
                for row in rows {
                    let delay = try row.decode(column: "departed_at", as: Int64.self) - row.decode(column: "departs_at", as: Int64.self)
                    outcomes[try row.decode(column: "id", as: String.self)] = Double(delay) / 60
                }
            }
            return outcomes
        }
    }
}
