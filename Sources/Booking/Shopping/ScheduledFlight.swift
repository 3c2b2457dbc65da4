import Foundation
import SQLKit
import SkyportDomain

/// A flight on sale with one cabin's inventory, as read from the database.
public struct ScheduledFlight: Sendable, Hashable, Decodable {
    public let id: String
    public let carrier: String
    public let flightNumber: Int
    public let origin: String
    public let destination: String
    public let departureDate: String
    public let departsAt: Int64
    public let arrivesAt: Int64
    public let distanceMiles: Int
    public let aircraftModel: String?
    public let cabin: String
    public let capacity: Int
    public let sold: Int
    /// Booking limits set on this cabin by revenue management or an operator, by class code.
    public var limits: [String: Int] = [:]

    enum CodingKeys: String, CodingKey {
        case id, carrier, origin, destination, cabin, capacity, sold
        case flightNumber = "flight_number", departureDate = "departure_date", departsAt = "departs_at"
        case arrivesAt = "arrives_at", distanceMiles = "distance_miles", aircraftModel = "aircraft_model"
    }

    public var availability: SeatAvailability { SeatAvailability(capacity: capacity, sold: sold, limits: limits) }

    static let columns: SQLQueryString = """
        f.id, f.carrier, f.flight_number, f.origin, f.destination, f.departure_date, f.departs_at, f.arrives_at,
        f.distance_miles, f.aircraft_model, c.cabin, c.capacity, c.sold
        """

    /// Flights of a market and date still on sale at `cutoff`, earliest first.
    static func onSale(origin: String, destination: String, date: String, cabin: Cabin, departingAfter cutoff: Int64,
                       on sql: any SQLDatabase) async throws -> [ScheduledFlight] {
        try await sql.raw("""
            SELECT \(columns) FROM flights f JOIN flight_cabins c ON c.flight_id = f.id AND c.cabin = \(bind: cabin.rawValue)
            WHERE f.origin = \(bind: origin) AND f.destination = \(bind: destination) AND f.departure_date = \(bind: date)
              AND f.status = 'scheduled' AND f.departs_at > \(bind: cutoff)
            ORDER BY f.departs_at
            """).all(decoding: ScheduledFlight.self).withLimits(cabin: cabin, on: sql)
    }

    /// Flights of a market on each date from `first` to `last` still on sale at `cutoff`, earliest first.
    static func onSale(origin: String, destination: String, from first: String, through last: String, cabin: Cabin,
                       departingAfter cutoff: Int64, on sql: any SQLDatabase) async throws -> [ScheduledFlight] {
        try await sql.raw("""
            SELECT \(columns) FROM flights f JOIN flight_cabins c ON c.flight_id = f.id AND c.cabin = \(bind: cabin.rawValue)
            WHERE f.origin = \(bind: origin) AND f.destination = \(bind: destination)
              AND f.departure_date >= \(bind: first) AND f.departure_date <= \(bind: last)
              AND f.status = 'scheduled' AND f.departs_at > \(bind: cutoff)
            ORDER BY f.departs_at
            """).all(decoding: ScheduledFlight.self).withLimits(cabin: cabin, on: sql)
    }

    /// One flight's cabin, or nil.
    static func find(id: String, cabin: Cabin, on sql: any SQLDatabase) async throws -> ScheduledFlight? {
        guard let flight = try await sql.raw("""
            SELECT \(columns) FROM flights f JOIN flight_cabins c ON c.flight_id = f.id AND c.cabin = \(bind: cabin.rawValue)
            WHERE f.id = \(bind: id)
            """).first(decoding: ScheduledFlight.self) else { return nil }
        return try await [flight].withLimits(cabin: cabin, on: sql).first
    }
}

extension [ScheduledFlight] {
    /// The flights with their cabin's booking limits, read in one query.
    func withLimits(cabin: Cabin, on sql: any SQLDatabase) async throws -> [ScheduledFlight] {
        guard !isEmpty else { return self }
        let limits = try await InventoryControlStore.limits(of: map(\.id), cabin: cabin.rawValue, on: sql)
        return map { flight in
            var flight = flight
            flight.limits = limits[flight.id] ?? [:]
            return flight
        }
    }
}
