import SQLKit
import SkyportDomain
import SkyportStore
import SkyportContracts

/// Moves one flight of an order to another flight, in the caller's transaction, with what follows from it for every
/// passenger: a new e-ticket (the old number kept in the reissue history), coupons reissued (the old ones exchanged,
/// the moved one on the new flight), and seats carried over: a seat of the same zone on the new flight where one is
/// free, otherwise the seat's price refunded. Disruption rebookings and voluntary changes both move flights this way.
struct SegmentMove {
    let context: OrderContext
    let segment: Int
    let toFlightID: String
    let actor: String
    let now: Int64
    /// What each passenger's exchange collected and gave back, by position; a rebooking after a disruption moves no money.
    var exchanges: [Int: TicketDocuments.Exchange] = [:]

    /// What the move did to seats: the paid seats refunded because no seat of their zone was free.
    struct Outcome {
        let reissues: [Rebooking.Reissue]
        let seatRefund: Money
    }

    func run(tickets: TicketIssuer, payments: OrderPayments, refundKey: String, on sql: any SQLDatabase) async throws -> Outcome {
        try await OrderStore.moveSegment(of: context.orderID, at: segment, to: toFlightID, on: sql)
        let numbers = try await tickets.issue(count: context.passengers.count, on: sql)
        var reissues: [Rebooking.Reissue] = []
        for (passenger, number) in zip(context.passengers, numbers) {
            let reissue = Rebooking.Reissue(passengerID: passenger.id, oldTicketNumber: passenger.ticket_number, newTicketNumber: number.value)
            try await OrderStore.reissue(reissue, orderID: context.orderID, position: passenger.position, at: now, on: sql)
            reissues.append(reissue)
            for coupon in context.coupons where coupon.passenger_position == passenger.position {
                try await CouponStore.reissue(coupon, ticket: number.value, flightID: coupon.segment_position == segment ? toFlightID : coupon.flight_id,
                                              actor: actor, at: now, on: sql)
            }
        }
        try await TicketDocuments.exchanged(orderID: context.orderID, currency: context.currency, exchanges: Dictionary(uniqueKeysWithValues: reissues.enumerated().map { index, reissue in
            let position = context.passengers[index].position
            return (position, exchanges[position] ?? TicketDocuments.Exchange(oldTicketNumber: reissue.oldTicketNumber, changeFee: 0, fareDifference: 0,
                                                                               amountDue: 0, refund: 0, reason: .disruption))
        }), at: now, on: sql)
        let refund = try await carrySeats(on: sql)
        try await payments.refund(refund, orderID: context.orderID, idempotencyKey: refundKey, at: now, on: sql)
        return Outcome(reissues: reissues, seatRefund: refund)
    }

    /// Gives each passenger who had a seat on the old flight a seat of the same zone on the new one, or frees it and
    /// refunds what was paid for it; returns the refund.
    private func carrySeats(on sql: any SQLDatabase) async throws -> Money {
        let seats = try await SeatStore.seats(orderID: context.orderID, on: sql).filter { $0.segment_position == segment }
        guard !seats.isEmpty else { return .zero(context.currency) }
        let services = try await OrderServiceStore.services(orderID: context.orderID, on: sql)
            .filter { $0.status == .active && $0.kind == .seat && $0.segment_position == segment }
        try await SeatStore.releaseAll(orderID: context.orderID, segment: segment, on: sql)
        guard var seating = try await FlightSeating.load(flightID: toFlightID, on: sql) else { return .zero(context.currency) }
        var refund: Int64 = 0
        for old in seats {
            let passenger = context.passengers[old.passenger_position]
            let exitAllowed = passenger.passenger_type == .adult && !context.adultsWithInfants.contains(old.passenger_position)
            let paid = services.first { $0.passenger_position == old.passenger_position }
            if let seat = seating.firstFree(cabin: context.cabin, zone: old.zone, exitRowAllowed: exitAllowed),
               try await SeatStore.assign(seat.number, zone: seat.zone, flightID: toFlightID, orderID: context.orderID,
                                          passenger: old.passenger_position, segment: segment, at: now, on: sql) {
                seating = seating.taking(seat.number, by: old)
                if let paid { try await OrderServiceStore.move(paid.id, segment: segment, designator: seat.number, at: now, on: sql) }
            } else if let paid {
                try await OrderServiceStore.close(paid.id, as: .refunded, refunded: paid.price, at: now, on: sql)
                refund += paid.amount
            }
        }
        return Money(minorUnits: refund, currency: context.currency)
    }
}

extension FlightSeating {
    /// The same seating with one more seat taken (by a passenger seated within the same transaction).
    func taking(_ designator: String, by row: SeatAssignmentRow) -> FlightSeating {
        var taken = self.taken
        taken[designator] = row
        return FlightSeating(flightID: flightID, distanceMiles: distanceMiles, departsAt: departsAt, aircraft: aircraft, layout: layout,
                             taken: taken, blocked: blocked)
    }
}
