import SQLKit
import SkyportDomain

/// A flight as operations see it: its schedule, an operator's estimate, cancellation and departure.
struct OperatedFlight: Decodable, Sendable {
    static let columns = """
        f.id, f.carrier, f.flight_number, f.origin, f.destination, f.departs_at, f.distance_miles, f.status,
        f.estimated_departs_at, d.departed_at
        FROM flights f LEFT JOIN flight_departures d ON d.flight_id = f.id
        """
    let id: String
    let carrier: String
    let flight_number: Int
    let origin: String
    let destination: String
    let departs_at: Int64
    let distance_miles: Int
    let status: String
    let estimated_departs_at: Int64?
    let departed_at: Int64?

    var isCancelled: Bool { status == "cancelled" }

    var summary: Disruption.Flight {
        Disruption.Flight(id: id, carrier: carrier, flightNumber: flight_number, origin: origin, destination: destination,
                          scheduledDeparture: .init(departs_at), distanceMiles: distance_miles)
    }

    static func find(_ id: String, on sql: any SQLDatabase, locking: Bool = false) async throws -> OperatedFlight? {
        try await sql.raw("SELECT \(unsafeRaw: columns) WHERE f.id = \(bind: id)\(unsafeRaw: locking ? " FOR UPDATE OF f" : "")")
            .first(decoding: OperatedFlight.self)
    }
}
