import Booking
import Foundation
import SQLKit
import SkyportContracts
import SkyportDomain
import SkyportStore

/// A disruption as operations manage it: every booking it touches, who was told of which level and when,
/// who moved or took a refund, and what the airline owes under US DOT and EU261 rules.
public struct DisruptionImpact: Sendable, Codable, Equatable {
    public struct Booking: Sendable, Codable, Equatable {
        public struct Told: Sendable, Codable, Equatable {
            public let level: String
            public let notificationID: String
            public let preparedAt: UTCInstant?
            /// Channel -> delivery status (`delivered`, `pending`, `dead`).
            public let channels: [String: String]
        }

        public let orderID: String
        public let bookingReference: String
        public let passengers: Int
        /// `on_flight`, `rebooked`, `refunded` or `cancelled`.
        public let state: String
        public let rebookedTo: String?
        public let changedAt: UTCInstant?
        public let told: [Told]
    }

    public struct Exposure: Sendable, Codable, Equatable {
        public let noticeRequired: Bool
        public let refundEligible: Bool
        /// Passengers still on the flight who may ask for their money back, and what that would cost.
        public let refundEligiblePassengers: Int
        public let refundExposure: String
        public let currency: String
        public let eu261Applies: Bool
        public let eu261CareOwed: Bool
        public let eu261CompensationPerPassengerEUR: Int
        /// Weather is an extraordinary circumstance: no compensation is owed for it.
        public let extraordinary: Bool
        public let eu261CompensationExposureEUR: Int
    }

    public let disruptionID: String
    public let flightID: String
    public let level: String
    public let kind: DisruptionKind
    public let expectedDelayMinutes: Int
    public let bookings: [Booking]
    public let passengers: Int
    public let passengersTold: Int
    public let passengersRebooked: Int
    public let passengersRefunded: Int
    public let exposure: Exposure
}

extension DisruptionService {
    /// The bookings of a disruption and what it costs; nil when there is no such disruption.
    public func impact(of disruptionID: String) async throws -> DisruptionImpact? {
        guard let disruption = try await disruption(id: disruptionID) else { return nil }
        return try await database.read { sql in
            let zones = try await sql.raw("""
                SELECT a.time_zone AS origin_zone, b.time_zone AS destination_zone FROM flights f
                JOIN airports a ON a.code = f.origin JOIN airports b ON b.code = f.destination WHERE f.id = \(bind: disruption.flight.id)
                """).first()
            let originZone = try zones?.decode(column: "origin_zone", as: String.self) ?? "UTC"
            let destinationZone = try zones?.decode(column: "destination_zone", as: String.self) ?? "UTC"
            let orders = try await sql.raw("""
                SELECT o.id, o.record_locator, o.status, o.total_amount, o.currency,
                       (SELECT COUNT(*) FROM order_passengers p WHERE p.order_id = o.id) AS passengers,
                       c.kind AS change_kind, c.to_flight_id, c.created_at AS changed_at
                FROM orders o LEFT JOIN order_changes c ON c.order_id = o.id AND c.disruption_id = \(bind: disruptionID)
                WHERE o.id IN (SELECT order_id FROM order_segments WHERE flight_id = \(bind: disruption.flight.id))
                   OR o.id IN (SELECT order_id FROM order_changes WHERE disruption_id = \(bind: disruptionID))
                ORDER BY o.record_locator
                """).all(decoding: OrderRow.self)
            let deliveries = try await sql.raw("""
                SELECT n.id, n.order_id, n.level, n.prepared_at, d.channel, d.status
                FROM notifications n LEFT JOIN notification_deliveries d ON d.notification_id = n.id
                WHERE n.disruption_id = \(bind: disruptionID) AND n.status = 'prepared' ORDER BY n.created_at, n.id
                """).all(decoding: DeliveryRow.self)
            var bookings: [DisruptionImpact.Booking] = []
            for order in orders {
                let mine = deliveries.filter { $0.order_id == order.id }
                let told = Dictionary(grouping: mine, by: \.id).values.compactMap { rows -> DisruptionImpact.Booking.Told? in
                    guard let first = rows.first else { return nil }
                    return .init(level: first.level, notificationID: first.id, preparedAt: first.prepared_at.map(UTCInstant.init),
                                 channels: Dictionary(rows.compactMap { row in row.channel.map { ($0, row.status ?? "") } }, uniquingKeysWith: { a, _ in a }))
                }.sorted { policy.rank($0.level) < policy.rank($1.level) }
                let state = order.change_kind ?? (order.status == .cancelled ? "cancelled" : "on_flight")
                bookings.append(.init(orderID: order.id, bookingReference: order.record_locator, passengers: order.passengers, state: state,
                                      rebookedTo: order.to_flight_id, changedAt: order.changed_at.map(UTCInstant.init), told: told))
            }
            let domestic = AirportJurisdiction.isUnitedStates(timeZone: originZone) && AirportJurisdiction.isUnitedStates(timeZone: destinationZone)
            let weather = disruption.cause == .predicted
            let rights = PassengerRights(
                flight: .init(distanceMiles: disruption.flight.distanceMiles, domestic: domestic,
                              departsFromEU: AirportJurisdiction.isEuropeanUnion(timeZone: originZone)),
                cancelled: disruption.kind == .cancellation, delayMinutes: disruption.expectedDelayMinutes, extraordinary: weather)
            let onFlight = orders.filter { $0.change_kind == nil && $0.status == .confirmed }
            let passengersOnFlight = onFlight.map(\.passengers).reduce(0, +)
            let refundable = rights.refundIfDeclined ? onFlight.map(\.total_amount).reduce(0, +) : 0
            let currency = CurrencyCode(orders.first?.currency ?? "USD") ?? .usd
            let exposure = DisruptionImpact.Exposure(
                noticeRequired: rights.mustNotify, refundEligible: rights.refundIfDeclined,
                refundEligiblePassengers: rights.refundIfDeclined ? passengersOnFlight : 0,
                refundExposure: Money(minorUnits: refundable, currency: currency).decimalString, currency: currency.code,
                eu261Applies: rights.eu261Applies, eu261CareOwed: rights.eu261CareOwed,
                eu261CompensationPerPassengerEUR: rights.eu261CompensationEUR, extraordinary: rights.extraordinary,
                eu261CompensationExposureEUR: rights.eu261CompensationOwedEUR * passengersOnFlight)
            func count(_ state: String) -> Int { bookings.filter { $0.state == state }.map(\.passengers).reduce(0, +) }
            return DisruptionImpact(
                disruptionID: disruptionID, flightID: disruption.flight.id, level: disruption.level, kind: disruption.kind,
                expectedDelayMinutes: disruption.expectedDelayMinutes, bookings: bookings,
                passengers: bookings.map(\.passengers).reduce(0, +),
                passengersTold: bookings.filter { !$0.told.isEmpty }.map(\.passengers).reduce(0, +),
                passengersRebooked: count("rebooked"), passengersRefunded: count("refunded"), exposure: exposure)
        }
    }

    struct OrderRow: Decodable {
        let id: String, record_locator: String, status: OrderStatus, total_amount: Int64, currency: String, passengers: Int
        let change_kind: String?, to_flight_id: String?, changed_at: Int64?
    }

    struct DeliveryRow: Decodable {
        let id: String, order_id: String, level: String, prepared_at: Int64?, channel: String?, status: String?
    }
}
