import Booking
import Foundation
import Prediction
import SQLKit
import SkyportDomain
import SkyportStore

/// The flights on sale (Booking's schedule, airports and aircraft registry, through their store API), the departures
/// Operations recorded for them and the weather it observed at their airports: what the ML platform predicts from
/// and is judged against for live flights. It lives with Operations because Operations owns the departures and the
/// weather; the platform receives it as a `DepartureSource`.
public struct ScheduleDepartureSource: DepartureSource {
    let database: any Database
    public let name = "schedule"

    public init(database: any Database) {
        self.database = database
    }

    public func departure(reference: String) async throws -> ScheduledDeparture? {
        try await database.read { sql in
            guard let flight = try await FlightStore.flight(reference, on: sql) else { return nil }
            return try await Self.departures([flight], on: sql).first
        }
    }

    public func departures(scheduledFrom start: Int64, to end: Int64) async throws -> [ScheduledDeparture] {
        try await database.read { sql in
            try await Self.departures(try await FlightStore.flights(departingFrom: start, to: end, on: sql), on: sql)
        }
    }

    /// The flights as the model sees them, in their order; a flight whose origin has no time zone is left out.
    static func departures(_ flights: [FlightRecord], on sql: any SQLDatabase) async throws -> [ScheduledDeparture] {
        let zones = try await NetworkStore.timeZones(of: flights.map(\.origin), on: sql)
        let aircraft = try await NetworkStore.aircraft(flights.compactMap(\.tailNumber), on: sql)
        return flights.compactMap { flight in
            guard let date = LocalDate(iso: flight.departureDate), let zone = zones[flight.origin],
                  let clock = WallClock(timeZoneIdentifier: zone) else { return nil }
            let facts = flight.tailNumber.flatMap { aircraft[$0] }
            return ScheduledDeparture(
                reference: flight.id, carrier: flight.carrier, flightNumber: flight.flightNumber, origin: flight.origin,
                destination: flight.destination, scheduledAt: flight.departsAt, localDate: date,
                localMinuteOfDay: clock.localMinutes(of: Date(timeIntervalSince1970: TimeInterval(flight.departsAt))),
                distanceMiles: flight.distanceMiles, tailNumber: flight.tailNumber, aircraftSeats: facts?.seats,
                aircraftYearBuilt: facts?.yearBuilt)
        }
    }

    public func timeline(airport: String, from start: Int64, to end: Int64) async throws -> OriginTimeline {
        try await database.read { sql in
            let flights = try await FlightStore.flights(from: airport, departingFrom: start, to: end, on: sql)
            let departed = try await DepartureStore.departures(of: flights.map(\.id), on: sql)
            let departures = flights.map {
                DepartureRecord(carrier: $0.carrier, flightNumber: $0.flightNumber, destination: $0.destination, tailNumber: $0.tailNumber,
                                scheduledAt: $0.departsAt, departedAt: departed[$0.id])
            }
            let weather = try await WeatherStore.readings(at: airport, from: start, to: end, on: sql)
            // Departures are recorded once operations feed them (issue 6); until a flight here has one, there is no feed.
            return OriginTimeline(airport: airport, departures: departures, weather: weather, recordsDepartures: !departed.isEmpty)
        }
    }

    public func outcomes(of references: [String]) async throws -> [String: Double] {
        guard !references.isEmpty else { return [:] }
        return try await database.read { sql in
            let departed = try await DepartureStore.departures(of: references, on: sql)
            let flights = try await FlightStore.flights(departed.keys, on: sql)
            return departed.reduce(into: [:]) { outcomes, departure in
                guard let flight = flights[departure.key] else { return }
                outcomes[departure.key] = Double(departure.value - flight.departsAt) / 60
            }
        }
    }
}
