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

    struct OpenRow: Decodable {
        let disruption_id: String, flight_id: String, kind: DisruptionKind, level: String, expected_departs_at: Int64, expected_delay_minutes: Int
        let distance_miles: Int, origin_zone: String, destination_zone: String
    }

    /// The booking's open disruptions with what it can do about each; empty when none of its flights is disrupted.
    public func options(orderID: String) async throws -> [RebookingOptions] {
        try await database.read { sql in
            let open = try await sql.raw("""
                SELECT x.id AS disruption_id, x.flight_id, x.kind, x.level, x.expected_departs_at, x.expected_delay_minutes,
                       f.distance_miles, a.time_zone AS origin_zone, b.time_zone AS destination_zone
                FROM order_segments s JOIN orders o ON o.id = s.order_id JOIN disruptions x ON x.flight_id = s.flight_id AND x.status = 'open'
                JOIN flights f ON f.id = x.flight_id JOIN airports a ON a.code = f.origin JOIN airports b ON b.code = f.destination
                WHERE s.order_id = \(bind: orderID) AND o.status = 'confirmed' ORDER BY s.position
                """).all(decoding: OpenRow.self)
            var options: [RebookingOptions] = []
            for row in open {
                let holds = try await changes.activeHolds(orderID: orderID, disruptionID: row.disruption_id, on: sql)
                let content = try await sql.raw("""
                    SELECT content FROM notifications WHERE order_id = \(bind: orderID) AND disruption_id = \(bind: row.disruption_id)
                      AND status = 'prepared' ORDER BY created_at DESC LIMIT 1
                    """).first()?.decode(column: "content", as: String?.self)
                let told = content.flatMap { try? JSONDecoder().decode(NotificationContent.self, from: Data($0.utf8)) }
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
