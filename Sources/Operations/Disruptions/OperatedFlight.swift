import Booking
import SQLKit
import SkyportDomain

/// A flight as operations see it: the booking engine's schedule (through its `FlightStore`) and, from Operations'
/// own records, its departure.
struct OperatedFlight: Sendable {
    let schedule: FlightRecord
    let departed_at: Int64?

    var id: String { schedule.id }
    var departs_at: Int64 { schedule.departsAt }
    var isCancelled: Bool { schedule.isCancelled }

    var summary: Disruption.Flight {
        Self.summary(of: schedule)
    }

    static func summary(of flight: FlightRecord) -> Disruption.Flight {
        Disruption.Flight(id: flight.id, carrier: flight.carrier, flightNumber: flight.flightNumber, origin: flight.origin,
                          destination: flight.destination, scheduledDeparture: .init(flight.departsAt), distanceMiles: flight.distanceMiles)
    }

    static func find(_ id: String, on sql: any SQLDatabase, locking: Bool = false) async throws -> OperatedFlight? {
        guard let schedule = try await FlightStore.flight(id, locking: locking, on: sql) else { return nil }
        let departed = try await DepartureStore.departures(of: [id], on: sql)[id]
        return OperatedFlight(schedule: schedule, departed_at: departed)
    }
}
