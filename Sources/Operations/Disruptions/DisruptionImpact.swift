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
            let zones = try await NetworkStore.timeZones(of: [disruption.flight.origin, disruption.flight.destination], on: sql)
            let originZone = zones[disruption.flight.origin] ?? "UTC"
            let destinationZone = zones[disruption.flight.destination] ?? "UTC"
            let orders = try await Self.bookings(of: disruption, on: sql)
            let deliveries = try await NotificationStore.toldDeliveries(ofDisruption: disruptionID, on: sql)
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

    /// A booking of the disruption (on its flight, or changed because of it) with the change, if any.
    struct OrderRow {
        let id: String, record_locator: String, status: OrderStatus, total_amount: Int64, currency: String, passengers: Int
        let change_kind: String?, to_flight_id: String?, changed_at: Int64?
    }

    /// The bookings on the disrupted flight and those changed because of the disruption, one row per change (or one
    /// for an unchanged booking), by booking reference.
    static func bookings(of disruption: Disruption, on sql: any SQLDatabase) async throws -> [OrderRow] {
        let changes = try await ManifestStore.changes(forDisruption: disruption.id, on: sql)
        let onFlight = try await ManifestStore.bookings(onFlights: [disruption.flight.id], confirmedOnly: false, on: sql)
        let changed = try await ManifestStore.bookings(changes.map(\.orderID), on: sql)
        var orders: [String: FlightBooking] = [:]
        for booking in onFlight + changed where orders[booking.orderID] == nil { orders[booking.orderID] = booking }
        let changesByOrder = Dictionary(grouping: changes, by: \.orderID)
        return orders.values.sorted { $0.recordLocator < $1.recordLocator }.flatMap { order -> [OrderRow] in
            let rows = changesByOrder[order.orderID].map { $0.map(Optional.some) } ?? [nil]
            return rows.map { change in
                OrderRow(id: order.orderID, record_locator: order.recordLocator, status: order.status, total_amount: order.totalAmount,
                         currency: order.currency, passengers: order.passengers, change_kind: change?.kind, to_flight_id: change?.toFlightID,
                         changed_at: change?.createdAt)
            }
        }
    }

}
