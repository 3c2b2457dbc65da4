import Logging
import SQLKit
import SkyportContracts
import SkyportDomain
import SkyportStore

/// The programme's reading of the booking engine's events, with its own outbox cursor: the flights of each ticket issued
/// (a reissue replaces the old ticket's), and each departure, which credits the member whose account bought the ticket
/// when the passenger is them; and each refund of a payment with miles, which gives the miles back. When a batch finds
/// nothing, expired lots are taken.
public struct LoyaltyPoster: Sendable {
    public static let consumer = "loyalty"

    let database: any Database
    let accrual: MilesAccrual
    let spending = MilesSpending()
    let logger: Logger
    /// Seconds since 1970.
    let now: @Sendable () -> Int64

    public init(database: any Database, programme: LoyaltyProgramme, logger: Logger, now: @escaping @Sendable () -> Int64) {
        self.database = database
        accrual = MilesAccrual(programme: programme)
        self.logger = logger
        self.now = now
    }

    /// Reads the next outbox events; returns how many.
    @discardableResult
    public func readBatch(limit: Int = 500) async throws -> Int {
        let now = now()
        return try await ConsumerCursor.consumeOutbox(Self.consumer, database: database, limit: limit, now: now) { [self] events, sql in
            for event in events {
                if let ticket = try event.payload(of: .ticketIssued) {
                    try await record(ticket, on: sql)
                } else if let use = try event.payload(of: .couponUsed) {
                    try await depart(use, at: now, on: sql)
                } else if let refund = try event.payload(of: .paymentRefunded), refund.processor == MilesPaymentProcessor.processorName {
                    try await settle(refund, at: now, on: sql)
                }
            }
        }
    }

    /// Expires lots whose date has come; returns how many.
    @discardableResult
    public func expireBatch(limit: Int = 500) async throws -> Int {
        try await database.transaction { sql in try await accrual.expire(at: now(), limit: limit, on: sql) }
    }

    /// Runs until the application shuts down.
    public func run(idle: Duration = .milliseconds(500)) async {
        await ConsumerLoop.run(idle: idle, logger: logger, name: "loyalty") {
            let read = try await readBatch()
            return read > 0 ? read : try await expireBatch()
        }
    }

    private func record(_ ticket: TicketIssuedEvent, on sql: any SQLDatabase) async throws {
        if let exchange = ticket.exchange { try await LoyaltyFlightStore.exchange(ticket: exchange.oldTicketNumber, on: sql) }
        try await LoyaltyFlightStore.save(ticket.coupons.map { coupon in
            [ticket.ticketNumber, coupon.segmentPosition, ticket.orderID, ticket.customerID, ticket.passengerPosition, ticket.familyName ?? "",
             coupon.flightID, coupon.origin, coupon.destination, coupon.departureDate, coupon.cabin, coupon.bookingClass, coupon.distanceMiles,
             ticket.currency, "open"]
        }, on: sql)
    }

    /// Gives back the miles a refund returned to them, once per refund.
    private func settle(_ refund: PaymentRecordedEvent, at now: Int64, on sql: any SQLDatabase) async throws {
        guard let capture = refund.captureReference, let redemption = try await RedemptionStore.redemption(id: capture, on: sql) else {
            logger.error("refund \(refund.reference) names no payment with miles", metadata: ["module": "loyalty"])
            return
        }
        try await spending.giveBack(redemption, paymentValue: refund.amount, voiding: false, reason: "Refunded", settling: refund.reference, at: now, on: sql)
    }

    private func depart(_ use: CouponUsedEvent, at now: Int64, on sql: any SQLDatabase) async throws {
        let ticket = use.coupon.ticketNumber, segment = use.coupon.segmentPosition
        guard try await LoyaltyFlightStore.depart(ticket: ticket, segment: segment, flown: use.usage == .flown, at: use.usedAt, on: sql),
              use.usage == .flown, let flight = try await LoyaltyFlightStore.flight(ticket: ticket, segment: segment, on: sql),
              let customerID = flight.customer_id, let member = try await MemberStore.member(customerID: customerID, on: sql),
              LoyaltyProgrammeService.sameName(member.family_name, flight.family_name) else { return }
        try await accrual.credit(flight, to: member, flownAt: use.usedAt, claimed: false, at: now, on: sql)
    }
}
