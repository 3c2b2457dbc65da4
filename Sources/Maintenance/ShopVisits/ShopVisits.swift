import Booking
import Foundation
import Operations
import Prediction
import SQLKit
import SkyportDomain
import SkyportStore

/// Takes an aircraft out of service for a shop visit: every flight it would fly in the period is given another aircraft
/// of the carrier that seats all the flight's seats and is free then (`ShopVisitPlan`), or is cancelled, which tells
/// its passengers at once and holds seats for them on later flights (Operations). All of it in one transaction.
public struct ShopVisits: Sendable {
    let database: any Database
    let disruptions: DisruptionService
    let now: @Sendable () -> Int64

    public init(database: any Database, disruptions: DisruptionService, now: @escaping @Sendable () -> Int64) {
        self.database = database
        self.disruptions = disruptions
        self.now = now
    }

    /// A planned visit and what became of each flight.
    public struct Visit: Codable, Sendable {
        public struct Flight: Codable, Sendable {
            public let flightId: String
            public let departsAt: UTCInstant
            public let seats: Int
            /// `reassigned` or `cancelled`.
            public let outcome: String
            /// The aircraft that flies it instead.
            public let tailNumber: String?
            /// The disruption its passengers were told through.
            public let disruptionId: String?
        }

        public let id: String
        public let tailNumber: String
        public let engineId: String?
        public let startsAt: UTCInstant
        public let endsAt: UTCInstant
        public let note: String?
        public let flights: [Flight]
    }

    /// The longest visit one request plans.
    public static let maximumDays = 60

    /// Plans and applies a visit of `tail` over `[start, end)`.
    public func plan(tail: String, start: Int64, end: Int64, engineID: String?, note: String?, by actor: String) async throws -> Visit {
        let at = now()
        guard start >= at - 300, end > start, end - start <= Int64(Self.maximumDays) * 86_400 else {
            throw ServiceError(.invalid, code: .invalidWindow, message: "A shop visit starts now or later and lasts up to \(Self.maximumDays) days.", field: "starts_at")
        }
        let id = Identifier.makeOrdered(prefix: "shv", milliseconds: at * 1000)
        return try await database.transaction { sql in
            guard try await NetworkStore.aircraft([tail], on: sql)[tail] != nil else {
                throw ServiceError(.notFound, code: .unknownTail, message: "No aircraft has tail number \(tail).", field: "tail_number")
            }
            if let engineID {
                guard let engine = try await EngineFleetStore.lastCycle(of: engineID, locking: false, on: sql), engine.tail == tail else {
                    throw ServiceError(.invalid, code: .engineNotFound, message: "No engine \(engineID) is mounted on \(tail).", field: "engine_id")
                }
            }
            let affected = try await FlightStore.flights(tails: [tail], departingFrom: start, to: end, on: sql)
            let capacity = try await FlightStore.capacity(of: affected.map(\.id), on: sql)
            var flights: [Visit.Flight] = []
            for carrier in Set(affected.map(\.carrier)).sorted() {
                // The carrier's other aircraft, with the times they fly around the visit.
                let tails = try await FlightStore.tails(of: carrier, departingFrom: at, on: sql).filter { $0 != tail }
                let seats = try await NetworkStore.aircraft(tails, on: sql)
                let busy = Dictionary(grouping: try await FlightStore.flights(tails: tails, departingFrom: start - 86_400, to: end + 86_400, on: sql),
                                      by: { $0.tailNumber ?? "" })
                let candidates = tails.compactMap { candidate in
                    seats[candidate]?.seats.map { ShopVisitPlan.Aircraft(tail: candidate, seats: $0, busy: (busy[candidate] ?? []).map { $0.departsAt...$0.arrivesAt }) }
                }
                let theirs = affected.filter { $0.carrier == carrier }.map {
                    ShopVisitPlan.Flight(id: $0.id, departsAt: $0.departsAt, arrivesAt: $0.arrivesAt, seats: capacity[$0.id] ?? 0)
                }
                for (flight, outcome) in ShopVisitPlan.outcomes(of: theirs, candidates: candidates) {
                    switch outcome {
                    case .reassigned(let replacement):
                        try await FlightStore.assign(flight.id, tail: replacement, on: sql)
                        flights.append(.init(flightId: flight.id, departsAt: .init(flight.departsAt), seats: flight.seats, outcome: "reassigned",
                                             tailNumber: replacement, disruptionId: nil))
                    case .cancelled:
                        let disruption = try await disruptions.declareCancellation(
                            flightID: flight.id, by: actor, note: "shop visit of \(tail)" + (note.map { ": \($0)" } ?? ""), on: sql)
                        flights.append(.init(flightId: flight.id, departsAt: .init(flight.departsAt), seats: flight.seats, outcome: "cancelled",
                                             tailNumber: nil, disruptionId: disruption?.id))
                    }
                }
            }
            flights.sort { ($0.departsAt, $0.flightId) < ($1.departsAt, $1.flightId) }
            let visit = Visit(id: id, tailNumber: tail, engineId: engineID, startsAt: .init(start), endsAt: .init(end), note: note, flights: flights)
            try await ShopVisitStore.insert(visit, by: actor, at: at, on: sql)
            return visit
        }
    }
}
