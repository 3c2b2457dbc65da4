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
    let clock: BookingClock
    let logger: Logger

    public init(database: any Database, cancellations: CancellationService, accountingCode: String, clock: BookingClock, logger: Logger) {
        self.database = database
        self.cancellations = cancellations
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
        let taken = try await sql.raw("""
            UPDATE flight_cabins SET sold = sold + \(bind: seats)
            WHERE flight_id = \(bind: flightID) AND cabin = \(bind: cabin) AND capacity - sold >= \(bind: seats) RETURNING sold
            """).all()
        guard !taken.isEmpty else { return nil }
        let hold = SeatHold(id: Identifier.make(prefix: "hld"), flightID: flightID, cabin: cabin, seats: seats, orderID: orderID,
                            disruptionID: disruptionID, disruptedFlightID: disruptedFlightID, status: .held, expiresAt: expiresAt)
        try await sql.raw("""
            INSERT INTO seat_holds (id, flight_id, cabin, seats, order_id, disruption_id, disrupted_flight_id, status, created_at, expires_at)
            VALUES (\(bind: hold.id), \(bind: flightID), \(bind: cabin), \(bind: seats), \(bind: orderID), \(bind: disruptionID),
                    \(bind: disruptedFlightID), 'held', \(bind: now), \(bind: expiresAt))
            """).run()
        return hold
    }

    /// The order's holds for a disruption that are still good.
    public func activeHolds(orderID: String, disruptionID: String, on sql: any SQLDatabase) async throws -> [SeatHold] {
        try await sql.raw("""
            SELECT \(unsafeRaw: SeatHold.columns) FROM seat_holds
            WHERE order_id = \(bind: orderID) AND disruption_id = \(bind: disruptionID) AND status = 'held' AND expires_at > \(bind: now)
            ORDER BY expires_at, id
            """).all(decoding: SeatHold.Row.self).map(\.hold)
    }

    /// The order's holds (any state), newest first.
    public func holds(orderID: String) async throws -> [SeatHold] {
        try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: SeatHold.columns) FROM seat_holds WHERE order_id = \(bind: orderID) ORDER BY created_at DESC, id")
                .all(decoding: SeatHold.Row.self).map(\.hold)
        }
    }

    /// Returns the seats of holds that expired unused; how many holds. Each instance may run it: rows are
    /// claimed with `SKIP LOCKED` on PostgreSQL, so a hold is released once.
    @discardableResult
    public func releaseExpiredHolds(limit: Int = 500) async throws -> Int {
        let now = self.now
        let skipLocked: SQLQueryString = database.engine == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await database.transaction { sql in
            let expired = try await sql.raw("""
                SELECT \(unsafeRaw: SeatHold.columns) FROM seat_holds WHERE status = 'held' AND expires_at <= \(bind: now)
                ORDER BY expires_at LIMIT \(bind: limit)\(skipLocked)
                """).all(decoding: SeatHold.Row.self).map(\.hold)
            for hold in expired { try await Self.release(hold, as: .expired, at: now, on: sql) }
            return expired.count
        }
    }

    static func release(_ hold: SeatHold, as status: SeatHold.Status, at now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE flight_cabins SET sold = sold - \(bind: hold.seats) WHERE flight_id = \(bind: hold.flightID) AND cabin = \(bind: hold.cabin)").run()
        try await sql.raw("UPDATE seat_holds SET status = \(bind: status.rawValue), closed_at = \(bind: now) WHERE id = \(bind: hold.id)").run()
    }

    /// Releases every hold of the order for the disruption, in the caller's transaction.
    func releaseHolds(orderID: String, disruptionID: String, except keptID: String?, on sql: any SQLDatabase) async throws {
        let lock: SQLQueryString = database.engine == .postgres ? " FOR UPDATE" : ""
        let holds = try await sql.raw("""
            SELECT \(unsafeRaw: SeatHold.columns) FROM seat_holds
            WHERE order_id = \(bind: orderID) AND disruption_id = \(bind: disruptionID) AND status = 'held'\(lock)
            """).all(decoding: SeatHold.Row.self).map(\.hold)
        for hold in holds where hold.id != keptID { try await Self.release(hold, as: .released, at: now, on: sql) }
    }

    // MARK: - Rebooking

    /// Moves the order from the disrupted flight to the flight of one of its holds, in one transaction: the
    /// held seats become the order's, the old seats go back on sale, every passenger gets a new e-ticket,
    /// the other holds are released and `order.changed` is written.
    public func rebook(orderID: String, holdID: String, actor: String) async throws -> Rebooking {
        let now = self.now
        let lock: SQLQueryString = database.engine == .postgres ? " FOR UPDATE" : ""
        let rebooking = try await database.transaction { sql -> Rebooking in
            guard let order = try await sql.raw("SELECT record_locator, status FROM orders WHERE id = \(bind: orderID)\(lock)").first() else {
                throw ServiceError(.notFound, code: .orderNotFound, message: "No order has this id.", field: "order_id")
            }
            guard try order.decode(column: "status", as: OrderStatus.self) == .confirmed else {
                throw ServiceError(.conflict, code: .orderAlreadyCancelled, message: "This order is cancelled.")
            }
            guard let hold = try await sql.raw("SELECT \(unsafeRaw: SeatHold.columns) FROM seat_holds WHERE id = \(bind: holdID)\(lock)")
                .first(decoding: SeatHold.Row.self)?.hold, hold.orderID == orderID else {
                throw ServiceError(.notFound, code: .alternativeNotFound, message: "This booking has no such alternative.", field: "alternative_id")
            }
            guard hold.status == .held, hold.expiresAt > now else {
                throw ServiceError(.conflict, code: .alternativeNoLongerHeld,
                                   message: hold.status == .used ? "This alternative was already taken." : "The seats are no longer held; ask for new alternatives.")
            }
            let disrupted = hold.disruptedFlightID
            guard let segment = try await sql.raw("""
                    SELECT position, cabin, seats FROM order_segments WHERE order_id = \(bind: orderID) AND flight_id = \(bind: disrupted)
                    """).first() else {
                throw ServiceError(.conflict, code: .alreadyRebooked, message: "This booking is no longer on the disrupted flight.")
            }
            let position = try segment.decode(column: "position", as: Int.self)
            let seats = try segment.decode(column: "seats", as: Int.self)
            let cabin = try segment.decode(column: "cabin", as: String.self)
            guard hold.seats == seats, hold.cabin == cabin else {
                throw ServiceError(.conflict, code: .alternativeMismatch, message: "The held seats do not match the booking.")
            }
            try await sql.raw("UPDATE order_segments SET flight_id = \(bind: hold.flightID) WHERE order_id = \(bind: orderID) AND position = \(bind: position)").run()
            try await sql.raw("UPDATE flight_cabins SET sold = sold - \(bind: seats) WHERE flight_id = \(bind: disrupted) AND cabin = \(bind: cabin)").run()
            try await sql.raw("UPDATE seat_holds SET status = 'used', closed_at = \(bind: now) WHERE id = \(bind: hold.id)").run()
            try await releaseHolds(orderID: orderID, disruptionID: hold.disruptionID, except: hold.id, on: sql)

            let passengers = try await sql.raw("SELECT id, ticket_number FROM order_passengers WHERE order_id = \(bind: orderID) ORDER BY position").all()
            let numbers = try await tickets.issue(count: passengers.count, on: sql)
            var reissues: [Rebooking.Reissue] = []
            for (index, (passenger, number)) in zip(passengers, numbers).enumerated() {
                let reissue = Rebooking.Reissue(passengerID: try passenger.decode(column: "id", as: String.self),
                                                oldTicketNumber: try passenger.decode(column: "ticket_number", as: String.self),
                                                newTicketNumber: number.value)
                try await sql.raw("UPDATE order_passengers SET ticket_number = \(bind: reissue.newTicketNumber) WHERE id = \(bind: reissue.passengerID)").run()
                try await sql.raw("""
                    INSERT INTO ticket_reissues (order_id, passenger_position, old_ticket_number, new_ticket_number, reissued_at)
                    VALUES (\(bind: orderID), \(bind: index), \(bind: reissue.oldTicketNumber), \(bind: reissue.newTicketNumber), \(bind: now))
                    """).run()
                reissues.append(reissue)
            }
            try await sql.raw("""
                INSERT INTO order_changes (id, order_id, disruption_id, kind, from_flight_id, to_flight_id, actor, created_at)
                VALUES (\(bind: Identifier.make(prefix: "och")), \(bind: orderID), \(bind: hold.disruptionID), 'rebooked', \(bind: disrupted),
                        \(bind: hold.flightID), \(bind: actor), \(bind: now))
                """).run()
            let rebooking = Rebooking(orderID: orderID, bookingReference: try order.decode(column: "record_locator", as: String.self),
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
            try await sql.raw("""
                INSERT INTO order_changes (id, order_id, disruption_id, kind, from_flight_id, refund_amount, currency, actor, created_at)
                VALUES (\(bind: Identifier.make(prefix: "och")), \(bind: orderID), \(bind: disruptionID), 'refunded', \(bind: fromFlightID),
                        \(bind: Money(decimalString: quote.refundAmount, currency: CurrencyCode(quote.refundCurrency) ?? .usd)?.minorUnits ?? 0),
                        \(bind: quote.refundCurrency), \(bind: actor), \(bind: now))
                """).run()
        }
        return confirmation.cancellation
    }
}

/// The payload of `order.changed` in the outbox.
extension OrderChangedEvent {
    init(rebooking: Rebooking, disruptionID: String, actor: String) {
        self.init(orderID: rebooking.orderID, bookingReference: rebooking.bookingReference, disruptionID: disruptionID,
                  fromFlightID: rebooking.fromFlightID, toFlightID: rebooking.toFlightID,
                  tickets: rebooking.tickets.map { Ticket(passengerID: $0.passengerID, oldTicketNumber: $0.oldTicketNumber, newTicketNumber: $0.newTicketNumber) },
                  actor: actor)
    }
}
