import Foundation
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportContracts

extension CheckInService {
    /// Boards the passenger whose pass the gate scanned for `flightId`: the pass must be Skyport's (its signature
    /// checked), for this flight, and its coupon checked in; a second scan of the same pass is refused. Bags booked for
    /// the flight count as dropped off once their passenger boards.
    public func scan(_ input: BoardingScanInput, operator name: String) async throws -> BoardingScanView {
        var issues: [ValidationIssue] = []
        let text = input.barcode ?? "", flightID = input.flightId ?? ""
        if text.isEmpty { issues.append(.init(code: .missingField, field: "barcode", message: "Give the string the scanner read.")) }
        if flightID.isEmpty { issues.append(.init(code: .missingField, field: "flight_id", message: "Give the id of the flight boarding.")) }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        let pass: BarcodedBoardingPass
        do { pass = try BarcodedBoardingPass.parse(text) } catch {
            throw ServiceError(.invalid, code: .invalidBoardingPass, message: "This is not a readable boarding pass: \(error).", field: "barcode")
        }
        guard isSigned(text, pass: pass), let leg = pass.legs.first, let serial = leg.documentSerialNumber, let code = leg.airlineNumericCode else {
            throw ServiceError(.invalid, code: .invalidBoardingPass, message: "This boarding pass was not issued by this airline.", field: "barcode")
        }
        let now = self.now
        return try await database.transaction { sql in
            guard let flight = try await FlightStore.flight(flightID, locking: database.engine == .postgres, on: sql),
                  let date = LocalDate(iso: flight.departureDate) else {
                throw ServiceError(.notFound, code: .flightNotFound, message: "No flight has this id.", field: "flight_id")
            }
            guard leg.operatingCarrier.trimmingCharacters(in: .whitespaces) == flight.carrier, Int(leg.flightNumber.prefix(4)) == flight.flightNumber,
                  leg.origin == flight.origin, leg.dayOfYear == BoardingPassIssue.dayOfYear(date) else {
                throw ServiceError(.conflict, code: .wrongFlight,
                                   message: "This pass is for \(leg.operatingCarrier.trimmingCharacters(in: .whitespaces))\(Int(leg.flightNumber.prefix(4)) ?? 0) from \(leg.origin), not this flight.",
                                   field: "barcode")
            }
            let ticket = code + serial
            guard let coupon = try await CouponStore.coupon(ticket: ticket, flightID: flightID, on: sql) else {
                throw ServiceError(.conflict, code: .boardingPassSuperseded, message: "This pass was replaced by a newer one; ask the passenger for it.", field: "barcode")
            }
            switch coupon.status {
            case .checkedIn: break
            case .boarded:
                throw ServiceError(.conflict, code: .alreadyBoarded, message: "This passenger boarded already.", field: "barcode")
            case .open:
                throw ServiceError(.conflict, code: .notCheckedIn, message: "This passenger is not checked in.", field: "barcode")
            default:
                throw ServiceError(.conflict, code: .boardingPassSuperseded, message: "This pass is no longer valid (\(coupon.status.rawValue)).", field: "barcode")
            }
            guard try await CouponStore.apply(.board, to: coupon, actor: name, at: now, on: sql) != nil else {
                throw ServiceError(.conflict, code: .alreadyBoarded, message: "This passenger boarded already.", field: "barcode")
            }
            for bag in try await OrderServiceStore.services(orderID: coupon.order_id, on: sql)
            where bag.kind == .checkedBag && bag.status == .active && bag.delivery == .booked
                && bag.passenger_position == coupon.passenger_position && bag.segment_position == coupon.segment_position {
                try await OrderServiceStore.setDelivery(bag.id, to: .droppedOff, at: now, on: sql)
            }
            let context = try await OrderContext.load(coupon.order_id, locking: false, on: sql)
            let passenger = context.passengers[coupon.passenger_position]
            let seat = try await SeatStore.seats(orderID: coupon.order_id, on: sql)
                .first { $0.passenger_position == coupon.passenger_position && $0.segment_position == coupon.segment_position }?.seat
            try await Outbox.append(topic: .orderBoarded, aggregateID: coupon.order_id, payload: OrderBoardedEvent(
                orderID: coupon.order_id, bookingReference: context.header.record_locator, flightID: flightID, passengerID: passenger.id,
                seat: seat, boardedAt: now), on: sql, at: Date(timeIntervalSince1970: TimeInterval(now)))
            return BoardingScanView(status: "boarded", flightId: flightID, passengerName: "\(passenger.given_name) \(passenger.family_name)",
                                    bookingReference: context.header.record_locator, seat: seat, sequenceNumber: coupon.boarding_number,
                                    boardedAt: APITime.utc(now))
        }
    }
}

/// What a flight's departure does to its coupons, for Operations to call in the transaction that records it (Booking's
/// API; Operations never writes Booking's tables): boarded coupons are flown, the rest no-shows, and the bags of those
/// who flew are loaded.
public enum FlightCoupons {
    /// How many coupons the departure made flown and no-show.
    @discardableResult
    public static func recordDeparture(of flightID: String, at now: Int64, actor: String, on sql: any SQLDatabase) async throws -> (flown: Int, noShow: Int) {
        var flown = 0, noShow = 0
        for coupon in try await CouponStore.coupons(flightID: flightID, in: [.open, .checkedIn, .boarded], on: sql) {
            guard let status = try await CouponStore.apply(.depart, to: coupon, actor: actor, at: now, on: sql) else { continue }
            if status == .flown {
                flown += 1
                for bag in try await OrderServiceStore.services(orderID: coupon.order_id, on: sql)
                where bag.kind == .checkedBag && bag.status == .active && bag.delivery == .droppedOff
                    && bag.passenger_position == coupon.passenger_position && bag.segment_position == coupon.segment_position {
                    try await OrderServiceStore.setDelivery(bag.id, to: .loaded, at: now, on: sql)
                }
            } else {
                noShow += 1
            }
        }
        return (flown, noShow)
    }
}
