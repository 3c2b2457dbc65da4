import Foundation
import Logging
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportContracts

/// Changes the airline makes to orders for a disruption: seats held on other flights for an order, the move
/// to one of them, and the full refund of a trip the passenger gives up.
///
/// Seats are taken from inventory when they are held (a conditional update that never passes capacity),
/// so accepting a hold only moves seats the order already has: no acceptance can oversell a flight.
public struct OrderChangeService: Sendable {
    let database: any Database
    let cancellations: CancellationService
    let tickets: TicketIssuer
    let payments: OrderPayments
    let clock: BookingClock
    let logger: Logger

    public init(database: any Database, cancellations: CancellationService, payments: PaymentGateway, accountingCode: String,
                clock: BookingClock, logger: Logger) {
        self.database = database
        self.cancellations = cancellations
        self.payments = OrderPayments(gateway: payments)
        tickets = TicketIssuer(engine: database.engine, accountingCode: accountingCode)
        self.clock = clock
        self.logger = logger
    }

    var now: Int64 { Int64(clock.now.timeIntervalSince1970) }

    // MARK: - Holds

    /// Holds `seats` in `cabin` of `flightID` for `orderID`, whose booking is on `disruptedFlightID`, until `expiresAt`, in
    /// the caller's transaction; nil when the cabin has fewer seats left.
    public func hold(flightID: String, cabin: String, seats: Int, orderID: String, disruptionID: String, replacing disruptedFlightID: String,
                     expiresAt: Int64, on sql: any SQLDatabase) async throws -> SeatHold? {
        guard try await InventoryStore.take(seats, flightID: flightID, cabin: cabin, on: sql) else { return nil }
        let hold = SeatHold(id: Identifier.make(prefix: "hld"), flightID: flightID, cabin: cabin, seats: seats, orderID: orderID,
                            disruptionID: disruptionID, disruptedFlightID: disruptedFlightID, status: .held, expiresAt: expiresAt)
        try await SeatHoldStore.insert(hold, at: now, on: sql)
        return hold
    }

    /// The order's holds for a disruption that are still good.
    public func activeHolds(orderID: String, disruptionID: String, on sql: any SQLDatabase) async throws -> [SeatHold] {
        try await SeatHoldStore.held(orderID: orderID, disruptionID: disruptionID, goodAt: now, on: sql)
    }

    /// The order's holds (any state), newest first.
    public func holds(orderID: String) async throws -> [SeatHold] {
        try await database.read { sql in try await SeatHoldStore.holds(orderID: orderID, on: sql) }
    }

    /// Returns the seats of holds that expired unused; how many holds. Each instance may run it: rows are
    /// claimed with `SKIP LOCKED` on PostgreSQL, so a hold is released once.
    @discardableResult
    public func releaseExpiredHolds(limit: Int = 500) async throws -> Int {
        let now = self.now
        let skipLocked = database.engine == .postgres
        return try await database.transaction { sql in
            let expired = try await SeatHoldStore.expired(at: now, limit: limit, skipLocked: skipLocked, on: sql)
            for hold in expired { try await Self.release(hold, as: .expired, at: now, on: sql) }
            return expired.count
        }
    }

    static func release(_ hold: SeatHold, as status: SeatHold.Status, at now: Int64, on sql: any SQLDatabase) async throws {
        try await InventoryStore.giveBack(hold.seats, flightID: hold.flightID, cabin: hold.cabin, on: sql)
        try await SeatHoldStore.close(hold.id, as: status, at: now, on: sql)
    }

    /// Releases every hold of the order for the disruption, in the caller's transaction.
    func releaseHolds(orderID: String, disruptionID: String, except keptID: String?, on sql: any SQLDatabase) async throws {
        let holds = try await SeatHoldStore.held(orderID: orderID, disruptionID: disruptionID, locking: database.engine == .postgres, on: sql)
        for hold in holds where hold.id != keptID { try await Self.release(hold, as: .released, at: now, on: sql) }
    }

    // MARK: - Rebooking

    /// Moves the order from the disrupted flight to the flight of one of its holds, in one transaction: the
    /// held seats become the order's, the old seats go back on sale, every passenger gets a new e-ticket,
    /// the other holds are released and `order.changed` is written.
    public func rebook(orderID: String, holdID: String, actor: String) async throws -> Rebooking {
        let now = self.now
        let locking = database.engine == .postgres
        let rebooking = try await database.transaction { sql -> Rebooking in
            guard let order = try await OrderStore.header(orderID, locking: locking, on: sql) else {
                throw ServiceError(.notFound, code: .orderNotFound, message: "No order has this id.", field: "order_id")
            }
            guard order.status == .confirmed else {
                throw ServiceError(.conflict, code: .orderAlreadyCancelled, message: "This order is cancelled.")
            }
            guard let hold = try await SeatHoldStore.hold(holdID, locking: locking, on: sql), hold.orderID == orderID else {
                throw ServiceError(.notFound, code: .alternativeNotFound, message: "This booking has no such alternative.", field: "alternative_id")
            }
            guard hold.status == .held, hold.expiresAt > now else {
                throw ServiceError(.conflict, code: .alternativeNoLongerHeld,
                                   message: hold.status == .used ? "This alternative was already taken." : "The seats are no longer held; ask for new alternatives.")
            }
            let disrupted = hold.disruptedFlightID
            guard let segment = try await OrderStore.segments(orderID, on: sql).first(where: { $0.flight_id == disrupted }) else {
                throw ServiceError(.conflict, code: .alreadyRebooked, message: "This booking is no longer on the disrupted flight.")
            }
            let seats = segment.seats, cabin = segment.cabin
            guard hold.seats == seats, hold.cabin == cabin else {
                throw ServiceError(.conflict, code: .alternativeMismatch, message: "The held seats do not match the booking.")
            }
            try await InventoryStore.giveBack(seats, flightID: disrupted, cabin: cabin, on: sql)
            try await SeatHoldStore.close(hold.id, as: .used, at: now, on: sql)
            try await releaseHolds(orderID: orderID, disruptionID: hold.disruptionID, except: hold.id, on: sql)
            let context = try await OrderContext.load(orderID, locking: false, on: sql)
            let moved = try await SegmentMove(context: context, segment: segment.position, toFlightID: hold.flightID, actor: actor, now: now)
                .run(tickets: tickets, payments: payments, refundKey: "rebook-\(hold.id)", on: sql)
            let reissues = moved.reissues
            try await OrderStore.recordChange(orderID: orderID, disruptionID: hold.disruptionID, kind: "rebooked", fromFlightID: disrupted,
                                              toFlightID: hold.flightID, actor: actor, at: now, on: sql)
            let rebooking = Rebooking(orderID: orderID, bookingReference: order.record_locator,
                                      fromFlightID: disrupted, toFlightID: hold.flightID, seats: seats, tickets: reissues)
            try await Outbox.append(topic: .orderChanged, aggregateID: orderID,
                                    payload: OrderChangedEvent(rebooking: rebooking, disruptionID: hold.disruptionID, actor: actor),
                                    on: sql, at: Date(timeIntervalSince1970: TimeInterval(now)))
            return rebooking
        }
        logger.info("order rebooked", metadata: ["module": "booking", "order_id": "\(orderID)", "from": "\(rebooking.fromFlightID)",
                                                 "to": "\(rebooking.toFlightID)", "actor": "\(actor)"])
        return rebooking
    }

    // MARK: - Refund

    /// Cancels the order with a refund of everything paid, releases its holds and records the change.
    public func refundInvoluntarily(orderID: String, disruptionID: String, fromFlightID: String, actor: String) async throws -> CancellationView {
        let quote = try await cancellations.quoteInvoluntary(orderID: orderID)
        let now = self.now
        let confirmation = try await cancellations.confirm(cancellationID: quote.id) { orderID, sql in
            try await releaseHolds(orderID: orderID, disruptionID: disruptionID, except: nil, on: sql)
            let refund = Money(decimalString: quote.refundAmount, currency: CurrencyCode(quote.refundCurrency) ?? .usd)
            try await OrderStore.recordChange(orderID: orderID, disruptionID: disruptionID, kind: "refunded", fromFlightID: fromFlightID,
                                              refund: refund, actor: actor, at: now, on: sql)
        }
        return confirmation.cancellation
    }
}

/// The payload of `order.changed` in the outbox.
extension OrderChangedEvent {
    init(rebooking: Rebooking, disruptionID: String?, actor: String, reason: Reason = .disruption, charged: Money? = nil, refunded: Money? = nil) {
        self.init(orderID: rebooking.orderID, bookingReference: rebooking.bookingReference, disruptionID: disruptionID,
                  fromFlightID: rebooking.fromFlightID, toFlightID: rebooking.toFlightID,
                  tickets: rebooking.tickets.map { Ticket(passengerID: $0.passengerID, oldTicketNumber: $0.oldTicketNumber, newTicketNumber: $0.newTicketNumber) },
                  actor: actor, reason: reason, chargedAmount: charged?.decimalString, refundedAmount: refunded?.decimalString,
                  currency: (charged ?? refunded)?.currency.code)
    }
}
