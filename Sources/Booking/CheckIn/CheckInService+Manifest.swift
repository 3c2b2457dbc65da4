import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// One passenger on a flight as the gate and operations see them.
public struct FlightPassengerView: Encodable, Sendable {
    public let orderId: String
    public let bookingReference: String
    public let passengerId: String
    public let name: String
    public let passengerType: String
    public let ticketNumber: String
    public let status: CouponStatus
    public let seat: String?
    public let sequenceNumber: Int?
    public let checkedBags: Int
    public let checkedInAt: String?
    public let boardedAt: String?
}

/// A flight's passengers with where each stands (`GET /v1/flights/{id}/passengers`, operators).
public struct FlightPassengersView: Encodable, Sendable {
    public let flightId: String
    /// How many coupons are in each status.
    public let counts: [String: Int]
    public let passengers: [FlightPassengerView]
}

extension CheckInService {
    /// Every passenger booked on the flight (exchanged and refunded coupons left out), by booking reference.
    public func passengers(flightID: String) async throws -> FlightPassengersView {
        try await database.read { sql in
            guard try await FlightStore.flight(flightID, on: sql) != nil else {
                throw ServiceError(.notFound, code: .flightNotFound, message: "No flight has this id.", field: "flight_id")
            }
            let coupons = try await CouponStore.coupons(flightID: flightID, in: [.open, .checkedIn, .boarded, .flown, .noShow], on: sql)
            var passengers: [FlightPassengerView] = []
            for orderID in Set(coupons.map(\.order_id)).sorted() {
                let context = try await OrderContext.load(orderID, locking: false, on: sql)
                let seats = try await SeatStore.seats(orderID: orderID, on: sql)
                let bags = try await OrderServiceStore.services(orderID: orderID, on: sql).filter { $0.kind == .checkedBag && $0.status == .active }
                for coupon in coupons where coupon.order_id == orderID {
                    let passenger = context.passengers[coupon.passenger_position]
                    passengers.append(FlightPassengerView(
                        orderId: orderID, bookingReference: context.header.record_locator, passengerId: passenger.id,
                        name: "\(passenger.family_name)/\(passenger.given_name)", passengerType: passenger.passenger_type.rawValue,
                        ticketNumber: coupon.ticket_number, status: coupon.status,
                        seat: seats.first { $0.passenger_position == coupon.passenger_position && $0.segment_position == coupon.segment_position }?.seat,
                        sequenceNumber: coupon.boarding_number,
                        checkedBags: context.includedBags
                            + bags.filter { $0.passenger_position == coupon.passenger_position && $0.segment_position == coupon.segment_position }.count,
                        checkedInAt: coupon.checked_in_at.map(APITime.utc), boardedAt: coupon.boarded_at.map(APITime.utc)))
                }
            }
            passengers.sort { ($0.bookingReference, $0.name) < ($1.bookingReference, $1.name) }
            return FlightPassengersView(flightId: flightID, counts: Dictionary(grouping: coupons, by: \.status.rawValue).mapValues(\.count),
                                        passengers: passengers)
        }
    }
}
