import Booking
import Foundation
import SQLKit
import SkyportContracts
import SkyportDomain
import SkyportStore

/// The passenger's side of a disruption: the options on their booking, taking a held alternative, or
/// giving up the trip for a refund where the rules allow it.
public struct RebookingDesk: Sendable {
    let database: any Database
    let changes: OrderChangeService
    let now: @Sendable () -> Int64

    public init(database: any Database, changes: OrderChangeService, now: @escaping @Sendable () -> Int64) {
        self.database = database
        self.changes = changes
        self.now = now
    }

    /// An open disruption of one of the booking's flights, with what the passenger's rights depend on.
    struct OpenRow {
        let disruption_id: String, flight_id: String, kind: DisruptionKind, level: String, expected_departs_at: Int64, expected_delay_minutes: Int
        let distance_miles: Int, origin_zone: String, destination_zone: String
    }

    /// The open disruptions of a confirmed booking's flights, in the booking's order.
    static func openDisruptions(orderID: String, on sql: any SQLDatabase) async throws -> [OpenRow] {
        let segments = try await ManifestStore.bookings([orderID], on: sql).filter { $0.status == .confirmed }
        guard !segments.isEmpty else { return [] }
        let disruptions = try await DisruptionStore.open(of: segments.map(\.flightID), on: sql)
        let flights = try await FlightStore.flights(disruptions.keys, on: sql)
        let zones = try await NetworkStore.timeZones(of: flights.values.flatMap { [$0.origin, $0.destination] }, on: sql)
        return segments.compactMap { segment -> OpenRow? in
            guard let disruption = disruptions[segment.flightID], let flight = flights[disruption.flight_id],
                  let origin = zones[flight.origin], let destination = zones[flight.destination] else { return nil }
            return OpenRow(disruption_id: disruption.id, flight_id: disruption.flight_id, kind: disruption.kind, level: disruption.level,
                           expected_departs_at: disruption.expected_departs_at, expected_delay_minutes: disruption.expected_delay_minutes,
                           distance_miles: flight.distanceMiles, origin_zone: origin, destination_zone: destination)
        }
    }

    /// The booking's open disruptions with what it can do about each; empty when none of its flights is disrupted.
    public func options(orderID: String) async throws -> [RebookingOptions] {
        try await database.read { sql in
            let open = try await Self.openDisruptions(orderID: orderID, on: sql)
            var options: [RebookingOptions] = []
            for row in open {
                let holds = try await changes.activeHolds(orderID: orderID, disruptionID: row.disruption_id, on: sql)
                let told = try await NotificationStore.latestContent(orderID: orderID, disruptionID: row.disruption_id, on: sql)
                // The alternatives as the message described them, while their seats are still held.
                let alternatives = (told?.alternatives ?? []).filter { alternative in holds.contains { $0.id == alternative.id } }
                options.append(RebookingOptions(
                    orderID: orderID, disruptionID: row.disruption_id, flightID: row.flight_id, kind: row.kind, level: row.level,
                    expectedDeparture: .init(row.expected_departs_at), expectedDelayMinutes: row.expected_delay_minutes,
                    alternatives: alternatives, heldUntil: alternatives.isEmpty ? "" : told?.heldUntil ?? "",
                    holdsReleased: alternatives.isEmpty && !(told?.alternatives.isEmpty ?? true),
                    refundEligible: Self.rights(row).refundIfDeclined))
            }
            return options
        }
    }

    static func rights(_ row: OpenRow) -> PassengerRights {
        let domestic = AirportJurisdiction.isUnitedStates(timeZone: row.origin_zone) && AirportJurisdiction.isUnitedStates(timeZone: row.destination_zone)
        return PassengerRights(flight: .init(distanceMiles: row.distance_miles, domestic: domestic,
                                             departsFromEU: AirportJurisdiction.isEuropeanUnion(timeZone: row.origin_zone)),
                               cancelled: row.kind == .cancellation, delayMinutes: row.expected_delay_minutes, extraordinary: true)
    }

    /// Moves the booking to a held alternative (one transaction in the booking engine).
    public func accept(orderID: String, alternativeID: String, actor: String) async throws -> Rebooking {
        try await changes.rebook(orderID: orderID, holdID: alternativeID, actor: actor)
    }

    /// Refunds the whole booking when one of its flights is cancelled or changed beyond what the US rules
    /// make a passenger accept; otherwise `refund_not_allowed`.
    public func refund(orderID: String, actor: String) async throws -> CancellationView {
        guard let eligible = try await options(orderID: orderID).first(where: \.refundEligible) else {
            throw ServiceError(.conflict, code: .refundNotAllowed,
                               message: "A refund without fees is owed for a cancelled flight or a change of more than 3 hours (6 international); this booking has none.")
        }
        return try await changes.refundInvoluntarily(orderID: orderID, disruptionID: eligible.disruptionID, fromFlightID: eligible.flightID,
                                                     actor: actor)
    }
}
