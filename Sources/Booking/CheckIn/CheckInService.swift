import Foundation
import Logging
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportContracts

/// Online check-in and the gate: from 24 hours to 60 minutes before departure the passengers of a booking check in
/// (a seat is given to whoever has none), each gets a boarding pass whose barcode carries a signed Resolution 792
/// string, and the gate's scan of that string boards them, once, on the right flight only.
public struct CheckInService: Sendable {
    /// Boarding starts this long before departure.
    public static let boardingStartsBefore: Int64 = 40 * 60

    let database: any Database
    let network: NetworkDirectory
    let signer: Signer
    let clock: BookingClock
    let logger: Logger

    public init(database: any Database, network: NetworkDirectory, signer: Signer, clock: BookingClock, logger: Logger) {
        self.database = database
        self.network = network
        self.signer = signer
        self.clock = clock
        self.logger = logger
    }

    var now: Int64 { Int64(clock.now.timeIntervalSince1970) }

    // MARK: - Check-in

    /// Checks in the passengers of `input` (all when none are named) on its flight, in one transaction, and returns the
    /// boarding passes of everyone checked in on it. Checking in again returns the same passes.
    public func checkIn(orderID: String, input: CheckInInput) async throws -> CheckInView {
        guard let flightID = input.flightId, !flightID.isEmpty else {
            throw ValidationFailure([.init(code: .missingField, field: "flight_id", message: "Give the id of the flight to check in for.")])
        }
        let now = self.now
        let checkedIn = try await database.transaction { sql -> [OrderCheckedInEvent.Passenger] in
            let context = try await OrderContext.load(orderID, locking: database.engine == .postgres, on: sql)
            guard context.header.status == .confirmed else {
                throw ServiceError(.conflict, code: .orderAlreadyCancelled, message: "This order is cancelled.")
            }
            guard let segment = context.segments.first(where: { $0.flight_id == flightID }),
                  let loaded = try await FlightSeating.load(flightID: flightID, on: sql) else {
                throw ServiceError(.notFound, code: .flightNotFound, message: "This order has no such flight.", field: "flight_id")
            }
            switch CheckInWindow.position(now: now, departure: loaded.departsAt) {
            case .notYetOpen:
                throw ServiceError(.conflict, code: .checkInNotOpen, message: "Online check-in opens 24 hours before departure.", field: "flight_id")
            case .closed:
                throw ServiceError(.conflict, code: .checkInClosed, message: "Online check-in closed 60 minutes before departure; see an agent at the airport.",
                                   field: "flight_id")
            case .open: break
            }
            let positions = try Self.positions(of: input.passengerIds, in: context)
            var seating = loaded
            var passengers: [OrderCheckedInEvent.Passenger] = []
            for position in positions {
                guard let coupon = context.coupon(passenger: position, segment: segment.position) else { continue }
                if coupon.status == .checkedIn { continue }
                guard coupon.status == .open else {
                    throw ServiceError(.conflict, code: .checkInNotPossible,
                                       message: "\(context.passengers[position].given_name) cannot check in: the coupon is \(coupon.status.rawValue).",
                                       field: "passenger_ids")
                }
                let seat = try await seatFor(position, segment: segment.position, context: context, seating: &seating, on: sql)
                _ = try await CouponStore.apply(.checkIn, to: coupon, actor: "passenger", at: now, on: sql)
                passengers.append(.init(passengerID: context.passengers[position].id, seat: seat))
            }
            if !passengers.isEmpty {
                try await Outbox.append(topic: .orderCheckedIn, aggregateID: orderID, payload: OrderCheckedInEvent(
                    orderID: orderID, bookingReference: context.header.record_locator, flightID: flightID, passengers: passengers),
                                        on: sql, at: Date(timeIntervalSince1970: TimeInterval(now)))
            }
            return passengers
        }
        if !checkedIn.isEmpty {
            logger.info("checked in", metadata: ["module": "booking", "order_id": "\(orderID)", "flight_id": "\(flightID)", "passengers": "\(checkedIn.count)"])
        }
        return CheckInView(orderId: orderID, flightId: flightID, boardingPasses: try await boardingPasses(orderID: orderID).filter { $0.flightId == flightID })
    }

    /// The passengers named (by id), or every passenger; an unknown id is refused.
    static func positions(of ids: [String]?, in context: OrderContext) throws -> [Int] {
        guard let ids, !ids.isEmpty else { return context.passengers.map(\.position) }
        var issues: [ValidationIssue] = []
        var positions: [Int] = []
        for (index, id) in ids.enumerated() {
            if let passenger = context.passengers.first(where: { $0.id == id }) { positions.append(passenger.position) } else {
                issues.append(.init(code: .passengerNotFound, field: "passenger_ids[\(index)]", message: "This order has no passenger with this id."))
            }
        }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        return positions.sorted()
    }

    /// The passenger's seat, giving them a free one (standard zone first, never an exit row) when they chose none.
    private func seatFor(_ position: Int, segment: Int, context: OrderContext, seating: inout FlightSeating, on sql: any SQLDatabase) async throws -> String? {
        guard context.passengers[position].passenger_type.takesSeat else { return nil }
        if let mine = seating.taken.values.first(where: { $0.order_id == context.orderID && $0.passenger_position == position }) { return mine.seat }
        for zone in [SeatZone.standard, nil] {
            while let seat = seating.firstFree(cabin: context.cabin, zone: zone, exitRowAllowed: false) {
                let row = SeatAssignmentRow(flight_id: seating.flightID, seat: seat.number, order_id: context.orderID, passenger_position: position,
                                            segment_position: segment, zone: seat.zone)
                seating = seating.taking(seat.number, by: row)
                if try await SeatStore.assign(seat.number, zone: seat.zone, flightID: seating.flightID, orderID: context.orderID,
                                              passenger: position, segment: segment, at: now, on: sql) {
                    return seat.number
                }
            }
        }
        return nil  // a full cabin of seats blocked: the agent at the gate seats them
    }

    // MARK: - Boarding passes

    /// The boarding passes of every checked-in (or boarded) passenger of the order.
    public func boardingPasses(orderID: String) async throws -> [BoardingPassView] {
        let snapshot = try await network.current()
        return try await database.read { sql in
            let context = try await OrderContext.load(orderID, locking: false, on: sql)
            let seats = try await SeatStore.seats(orderID: orderID, on: sql)
            let bags = try await OrderServiceStore.services(orderID: orderID, on: sql).filter { $0.kind == .checkedBag && $0.status == .active }
            let flights = try await FlightStore.flights(context.segments.map(\.flight_id), on: sql)
            var passes: [BoardingPassView] = []
            for coupon in context.coupons where [.checkedIn, .boarded].contains(coupon.status) {
                guard let flight = flights[coupon.flight_id], let date = LocalDate(iso: flight.departureDate) else { continue }
                let passenger = context.passengers[coupon.passenger_position]
                let segment = context.segments[coupon.segment_position]
                let seat = seats.first { $0.passenger_position == coupon.passenger_position && $0.segment_position == coupon.segment_position }
                let checkedBags = context.includedBags
                    + bags.filter { $0.passenger_position == coupon.passenger_position && $0.segment_position == coupon.segment_position }.count
                let clock = snapshot.clocks[flight.origin] ?? .utc
                let issue = BoardingPassIssue(
                    recordLocator: context.header.record_locator, givenName: passenger.given_name, familyName: passenger.family_name,
                    passengerType: passenger.passenger_type, ticketNumber: coupon.ticket_number, carrier: flight.carrier, flightNumber: flight.flightNumber,
                    origin: flight.origin, destination: flight.destination, departureDate: date, bookingClass: segment.booking_class,
                    seat: seat?.seat, checkInSequence: coupon.boarding_number, checkedBags: checkedBags,
                    issuedOn: clock.localDate(of: Date(timeIntervalSince1970: TimeInterval(coupon.checked_in_at ?? now))))
                let departs = Date(timeIntervalSince1970: TimeInterval(flight.departsAt))
                let group = context.cabin == .business ? 1 : seat.map { $0.zone == .standard ? 3 : 2 } ?? 3
                passes.append(BoardingPassView(
                    passengerId: passenger.id, passengerName: "\(passenger.given_name) \(passenger.family_name)", passengerType: passenger.passenger_type.rawValue,
                    bookingReference: context.header.record_locator, ticketNumber: coupon.ticket_number, flightId: flight.id,
                    flightNumber: "\(flight.carrier)\(flight.flightNumber)", origin: flight.origin, destination: flight.destination,
                    departingAt: APITime.utc(flight.departsAt), departingAtLocal: clock.localISO(departs),
                    boardingAtLocal: clock.localISO(departs.addingTimeInterval(-TimeInterval(Self.boardingStartsBefore))),
                    cabinClass: context.cabin.rawValue, seat: seat?.seat, seatZone: seat?.zone.rawValue, boardingGroup: group,
                    sequenceNumber: coupon.boarding_number, checkedBags: checkedBags, barcode: try sign(issue.pass)))
            }
            return passes
        }
    }

    /// The pass's string with the airline's signature as its security data (type `1`: an HMAC over what precedes it).
    func sign(_ pass: BarcodedBoardingPass) throws -> String {
        let unsigned = try pass.encoded()
        var signed = pass
        signed.security = (type: "1", data: signer.mac("bcbp|" + unsigned))
        return try signed.encoded()
    }

    /// Whether `text` carries Skyport's signature over the part before its security data.
    func isSigned(_ text: String, pass: BarcodedBoardingPass) -> Bool {
        guard let security = pass.security, security.type == "1", let marker = text.lastIndex(of: "^") else { return false }
        return signer.verify("bcbp|" + text[..<marker], mac: security.data)
    }
}
