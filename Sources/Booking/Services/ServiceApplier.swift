import SQLKit
import SkyportDomain
import SkyportStore

/// Gives an order the seats and bags asked for, in the caller's transaction, and returns what they cost beyond what
/// the order already paid: seats by zone (a move to a dearer zone pays the difference), bags beyond the fare's
/// allowance. A seat someone else has is refused, and the seat's primary key refuses it to a concurrent request too.
struct ServiceApplier {
    let context: OrderContext
    let now: Int64

    /// Seats and bags can change until check-in closes for the flight, and only on a coupon not yet boarded or used.
    func requireOpen(passenger: Int, segment: Int, seating: FlightSeating, field: String) throws {
        let coupon = context.coupon(passenger: passenger, segment: segment)
        guard let coupon, [.open, .checkedIn].contains(coupon.status), CheckInWindow.position(now: now, departure: seating.departsAt) != .closed else {
            throw ServiceError(.conflict, code: .servicesClosed, message: "Seats and bags on this flight can no longer be changed.", field: field)
        }
    }

    func apply(seats: [SeatRequest], bags: [BagRequest], on sql: any SQLDatabase) async throws -> Money {
        var due: Int64 = 0
        var seatings: [Int: FlightSeating] = [:]
        for segment in Set(seats.map(\.segment) + bags.map(\.segment)) {
            guard let seating = try await FlightSeating.load(flightID: context.segments[segment].flight_id, on: sql) else {
                throw ServiceError(.notFound, code: .flightNotFound, message: "A flight of this order no longer exists.")
            }
            seatings[segment] = seating
        }
        let services = try await OrderServiceStore.services(orderID: context.orderID, on: sql).filter { $0.status == .active }
        // Everyone moving is lifted out first, so that two passengers may swap seats in one request.
        for request in seats { try await SeatStore.release(orderID: context.orderID, passenger: request.passenger, segment: request.segment, on: sql) }
        for (index, request) in seats.enumerated() {
            due += try await applySeat(request, seating: seatings[request.segment]!, services: services, field: "seats[\(index)]", on: sql)
        }
        for (index, request) in bags.enumerated() {
            due += try await applyBags(request, seating: seatings[request.segment]!, services: services, field: "bags[\(index)]", on: sql)
        }
        return Money(minorUnits: due, currency: context.currency)
    }

    private func applySeat(_ request: SeatRequest, seating: FlightSeating, services: [OrderServiceRow], field: String, on sql: any SQLDatabase) async throws -> Int64 {
        try requireOpen(passenger: request.passenger, segment: request.segment, seating: seating, field: field)
        guard let seat = seating.seat(request.designator), seat.cabin == context.cabin else {
            throw ServiceError(.notFound, code: .seatNotFound, message: "This flight's \(context.cabin.rawValue) cabin has no seat \(request.designator).",
                               field: "\(field).designator")
        }
        let passenger = context.passengers[request.passenger]
        guard passenger.passenger_type.takesSeat else {
            throw ServiceError(.invalid, code: .seatNotAllowed, message: "An infant travels on an adult's lap and has no seat.", field: field)
        }
        if seat.exitRow, passenger.passenger_type != .adult || context.adultsWithInfants.contains(request.passenger) {
            throw ServiceError(.invalid, code: .seatNotAllowed,
                               message: "Exit-row seats are for adults travelling without an infant.", field: "\(field).designator")
        }
        let mine = seating.taken[seat.number].map { $0.order_id == context.orderID } ?? false
        guard !seating.blocked.contains(seat.number), seating.taken[seat.number] == nil || mine else {
            throw ServiceError(.conflict, code: .seatUnavailable, message: "Seat \(seat.number) is taken; choose another.", field: "\(field).designator")
        }
        guard try await SeatStore.assign(seat.number, zone: seat.zone, flightID: seating.flightID, orderID: context.orderID,
                                         passenger: request.passenger, segment: request.segment, at: now, on: sql) else {
            throw ServiceError(.conflict, code: .seatUnavailable, message: "Seat \(seat.number) was just taken; choose another.", field: "\(field).designator")
        }
        let price = seating.price(of: seat, brand: context.brand, currency: context.currency)
        let paid = services.first { $0.kind == .seat && $0.passenger_position == request.passenger && $0.segment_position == request.segment }
        let due = SeatPricing.due(moving: paid?.price ?? .zero(context.currency), to: price)
        if let paid {
            // The seat's value moves to the new one: a cheaper seat keeps what was paid, a dearer one adds the difference.
            try await OrderServiceStore.close(paid.id, as: .replaced, at: now, on: sql)
        }
        let value = (paid?.amount ?? 0) + due.minorUnits
        if value > 0 {
            try await OrderServiceStore.add(orderID: context.orderID, passenger: request.passenger, segment: request.segment, kind: .seat,
                                            designator: seat.number, price: Money(minorUnits: value, currency: context.currency), at: now, on: sql)
        }
        return due.minorUnits
    }

    private func applyBags(_ request: BagRequest, seating: FlightSeating, services: [OrderServiceRow], field: String, on sql: any SQLDatabase) async throws -> Int64 {
        try requireOpen(passenger: request.passenger, segment: request.segment, seating: seating, field: field)
        let bought = services.filter { $0.kind == .checkedBag && $0.passenger_position == request.passenger && $0.segment_position == request.segment }.count
        let existing = context.includedBags + bought
        guard let prices = BaggagePolicy.prices(adding: request.quantity, existing: existing, included: context.includedBags,
                                                distanceMiles: seating.distanceMiles, currency: context.currency) else {
            throw ServiceError(.invalid, code: .tooManyBags,
                               message: "A passenger may check \(BaggagePolicy.maximumBags) bags; this one has \(existing) already.", field: "\(field).quantity")
        }
        for (offset, price) in prices.enumerated() {
            try await OrderServiceStore.add(orderID: context.orderID, passenger: request.passenger, segment: request.segment, kind: .checkedBag,
                                            designator: String(existing + offset + 1), price: price, at: now, on: sql)
        }
        return prices.reduce(0) { $0 + $1.minorUnits }
    }
}
