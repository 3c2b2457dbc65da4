import Foundation
import SkyportDomain

/// A future flight ready to be stored with its cabins.
public struct PlannedFlight: Sendable, Hashable {
    public let id: String
    public let carrier: String
    public let flightNumber: Int
    public let origin: String
    public let destination: String
    /// Local date of departure at the origin.
    public let departureDate: LocalDate
    public let departsAt: Date
    public let arrivesAt: Date
    public let distanceMiles: Int
    public let aircraft: AircraftAssignment
    public let tailNumber: String?
    /// True for the return flights mirrored from New York departures.
    public let synthesizedInbound: Bool
    public let cabins: [Cabin: Int]

    /// `YYYYMMDD-CCNNNN-OOODDD`: unique per flight and stable across imports.
    static func makeID(date: LocalDate, carrier: String, number: Int, origin: String, destination: String) -> String {
        "\(date.compact)-\(carrier)\(number)-\(origin)\(destination)"
    }
}

/// Projects the 2013 departures from New York onto future dates and mirrors each one back.
///
/// - Each future date takes the flights of its pattern date (`ScheduleProjection.patternDate`):
///   same local departure time at the origin, same block time, same aircraft.
/// - Each departure gets a return flight from its destination, leaving 60 minutes after it lands
///   (rounded up to five minutes), with the same block time, aircraft and seats, and the next flight
///   number the carrier leaves free (`ScheduleProjection.inboundFlightNumber`).
public struct SchedulePlanner: Sendable {
    private let patternsByDate: [LocalDate: [PatternFlight]]
    private let clocks: [String: WallClock]
    private let fleet: FleetCapacity
    private let inboundNumbers: [String: Int]

    public init(patterns: [PatternFlight], clocks: [String: WallClock], fleet: FleetCapacity) {
        patternsByDate = Dictionary(grouping: patterns, by: \.date)
        self.clocks = clocks
        self.fleet = fleet
        var used: [String: Set<Int>] = [:]
        for pattern in patterns { used[pattern.carrier, default: []].insert(pattern.flightNumber) }
        var numbers: [String: Int] = [:]
        let outbound = Set(patterns.map { Self.marketKey($0) }).sorted()
        let byKey = Dictionary(patterns.map { (Self.marketKey($0), $0) }, uniquingKeysWith: { first, _ in first })
        for key in outbound {
            let pattern = byKey[key]!
            let number = ScheduleProjection.inboundFlightNumber(outbound: pattern.flightNumber, usedByCarrier: used[pattern.carrier] ?? [])
            used[pattern.carrier, default: []].insert(number)
            numbers[key] = number
        }
        inboundNumbers = numbers
    }

    /// Every flight departing New York on the `days` dates from `start`, with their returns.
    public func plan(from start: LocalDate, days: Int) -> [PlannedFlight] {
        var flights: [PlannedFlight] = []
        for offset in 0..<max(0, days) {
            let date = start.adding(days: offset)
            for pattern in patternsByDate[ScheduleProjection.patternDate(for: date)] ?? [] {
                guard let outbound = outboundFlight(pattern, on: date) else { continue }
                flights.append(outbound)
                if let inbound = inboundFlight(mirroring: outbound, pattern: pattern) { flights.append(inbound) }
            }
        }
        return flights
    }

    private func outboundFlight(_ pattern: PatternFlight, on date: LocalDate) -> PlannedFlight? {
        guard let clock = clocks[pattern.origin], clocks[pattern.destination] != nil else { return nil }
        let departs = clock.instant(on: date, minutesAfterMidnight: pattern.departureMinutes)
        let aircraft = fleet.assignment(for: pattern)
        return PlannedFlight(
            id: PlannedFlight.makeID(date: date, carrier: pattern.carrier, number: pattern.flightNumber, origin: pattern.origin, destination: pattern.destination),
            carrier: pattern.carrier, flightNumber: pattern.flightNumber, origin: pattern.origin, destination: pattern.destination,
            departureDate: date, departsAt: departs, arrivesAt: departs.addingTimeInterval(Double(pattern.blockMinutes * 60)),
            distanceMiles: pattern.distanceMiles, aircraft: aircraft, tailNumber: pattern.tailNumber,
            synthesizedInbound: false, cabins: CabinLayout.seats(forAircraftSeats: aircraft.seats))
    }

    private func inboundFlight(mirroring outbound: PlannedFlight, pattern: PatternFlight) -> PlannedFlight? {
        guard let number = inboundNumbers[Self.marketKey(pattern)], let clock = clocks[outbound.destination] else { return nil }
        let ready = outbound.arrivesAt.timeIntervalSince1970 + Double(ScheduleProjection.turnaroundMinutes * 60)
        let departs = Date(timeIntervalSince1970: (ready / 300).rounded(.up) * 300)
        let date = clock.localDate(of: departs)
        return PlannedFlight(
            id: PlannedFlight.makeID(date: date, carrier: outbound.carrier, number: number, origin: outbound.destination, destination: outbound.origin),
            carrier: outbound.carrier, flightNumber: number, origin: outbound.destination, destination: outbound.origin,
            departureDate: date, departsAt: departs, arrivesAt: departs.addingTimeInterval(Double(pattern.blockMinutes * 60)),
            distanceMiles: outbound.distanceMiles, aircraft: outbound.aircraft, tailNumber: outbound.tailNumber,
            synthesizedInbound: true, cabins: outbound.cabins)
    }

    private static func marketKey(_ pattern: PatternFlight) -> String {
        "\(pattern.carrier)|\(pattern.flightNumber)|\(pattern.origin)|\(pattern.destination)"
    }
}
