import Foundation
import Logging
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportContracts

/// Cancellation in two steps: a quote of the refund the fare conditions allow, then the
/// confirmation that cancels, refunds, returns the seats and writes `order.cancelled`.
public struct CancellationService: Sendable {
    /// A quote is honoured for this long.
    public static let quoteLifetime: TimeInterval = 15 * 60

    private let database: any Database
    private let payments: PaymentGateway
    private let clock: BookingClock
    private let logger: Logger

    public init(database: any Database, payments: PaymentGateway, clock: BookingClock, logger: Logger) {
        self.database = database
        self.payments = payments
        self.clock = clock
        self.logger = logger
    }

    /// Step one: the refund this order would get now. Nothing changes but the stored quote.
    public func quote(orderID: String) async throws -> CancellationView {
        try await quote(orderID: orderID, involuntary: false)
    }

    /// A quote of the whole fare, taxes included, whatever the fare conditions say: for a passenger who gives up
    /// a trip the airline cancelled or changed beyond what the rules make them accept.
    public func quoteInvoluntary(orderID: String) async throws -> CancellationView {
        try await quote(orderID: orderID, involuntary: true)
    }

    private func quote(orderID: String, involuntary: Bool) async throws -> CancellationView {
        let now = clock.now
        let nowSeconds = Int64(now.timeIntervalSince1970)
        let row = try await database.transaction { sql -> CancellationRow in
            guard let order = try await OrderStore.header(orderID, on: sql) else {
                throw ServiceError(.notFound, code: .orderNotFound, message: "No order has this id.", field: "order_id")
            }
            guard order.status == .confirmed else {
                throw ServiceError(.conflict, code: .orderAlreadyCancelled, message: "This order is already cancelled.", field: "order_id")
            }
            let firstDeparture = try await OrderStore.firstDeparture(orderID, on: sql) ?? 0
            // A delayed flight may be past its scheduled time and still on the ground: the caller knows it has not left.
            guard firstDeparture > nowSeconds || involuntary else {
                throw ServiceError(.conflict, code: .orderAlreadyDeparted, message: "The trip has begun; it can no longer be cancelled here.", field: "order_id")
            }
            let currency = CurrencyCode(order.currency) ?? .usd
            let conditions = try await OrderStore.conditions(orderID, header: order, on: sql)
            let fares = try await OrderStore.fares(orderID, on: sql).map { fare in
                involuntary
                    ? Money(minorUnits: fare.base + fare.taxes, currency: currency)
                    : RefundRules.refund(base: Money(minorUnits: fare.base, currency: currency),
                                         taxes: Money(minorUnits: fare.taxes, currency: currency), conditions: conditions)
            }
            let services = try await OrderServiceStore.services(orderID: orderID, on: sql).filter { $0.status == .active }.map {
                ServiceRefunds.onCancellation(kind: $0.kind, paid: $0.price, delivery: $0.delivery, conditions: conditions, involuntary: involuntary)
            }
            let refund = (fares + services).sum(in: currency)
            let quote = CancellationRow(id: Identifier.make(prefix: "ocr"), order_id: orderID, status: .pending, refund_amount: refund.minorUnits,
                                        currency: currency.code, created_at: nowSeconds,
                                        expires_at: nowSeconds + Int64(Self.quoteLifetime), confirmed_at: nil,
                                        involuntary: involuntary ? 1 : 0)
            try await CancellationStore.insert(quote, on: sql)
            return quote
        }
        return Self.view(row)
    }

    /// The order a cancellation belongs to, for the owner check; nil when there is no such cancellation.
    public func orderID(ofCancellation id: String) async throws -> String? {
        try await database.read { sql in
            try await CancellationStore.quote(id, on: sql)?.order_id
        }
    }

    /// What confirming did: the cancellation, and the seats it returned (none when it had been
    /// confirmed before, so a repeated confirmation counts nothing twice).
    public struct Confirmation: Sendable {
        public let cancellation: CancellationView
        public let seatsReleased: Int
        public let newlyCancelled: Bool
    }

    /// Step two: cancels the order in one transaction and refunds the quoted amount. `alongside` runs in the
    /// same transaction once the order is cancelled (what the caller records with it).
    public func confirm(cancellationID: String,
                        alongside: (@Sendable (_ orderID: String, any SQLDatabase) async throws -> Void)? = nil) async throws -> Confirmation {
        let now = clock.now
        let nowSeconds = Int64(now.timeIntervalSince1970)
        let payments = self.payments
        let (row, seatsReleased) = try await database.transaction { sql -> (CancellationRow, Int?) in
            guard let quote = try await CancellationStore.quote(cancellationID, on: sql) else {
                throw ServiceError(.notFound, code: .orderCancellationNotFound, message: "No cancellation has this id.")
            }
            if quote.status == .confirmed { return (quote, nil) }
            guard quote.expires_at > nowSeconds else {
                throw ServiceError(.conflict, code: .orderCancellationExpired, message: "The quote expired; ask for a new one.")
            }
            guard let cancelled = try await OrderStore.cancel(quote.order_id, at: nowSeconds, on: sql) else {
                throw ServiceError(.conflict, code: .orderAlreadyCancelled, message: "This order is already cancelled.")
            }
            var released = 0
            for segment in try await OrderStore.segments(quote.order_id, on: sql) {
                released += segment.seats
                try await InventoryStore.giveBack(segment.seats, flightID: segment.flight_id, cabin: segment.cabin, on: sql)
            }
            try await CancellationStore.confirm(quote.id, at: nowSeconds, on: sql)
            let currency = CurrencyCode(quote.currency) ?? .usd
            let amount = Money(minorUnits: quote.refund_amount, currency: currency)
            try await Self.closeServicesAndCoupons(quote, at: nowSeconds, on: sql)
            try await OrderPayments(gateway: payments).refund(amount, orderID: quote.order_id, idempotencyKey: quote.id, at: nowSeconds, on: sql)
            try await alongside?(quote.order_id, sql)
            try await Outbox.append(topic: .orderCancelled, aggregateID: quote.order_id, payload: OrderCancelledEvent(
                orderID: quote.order_id, bookingReference: cancelled.record_locator, cancellationID: quote.id,
                refundAmount: amount.decimalString, refundCurrency: currency.code,
                contactEmail: cancelled.contact_email, customerID: cancelled.customer_id), on: sql, at: now)
            return (CancellationRow(id: quote.id, order_id: quote.order_id, status: .confirmed, refund_amount: quote.refund_amount,
                                    currency: quote.currency, created_at: quote.created_at, expires_at: quote.expires_at, confirmed_at: nowSeconds,
                                    involuntary: quote.involuntary),
                    released)
        }
        if seatsReleased != nil {
            logger.info("order cancelled", metadata: ["module": "booking", "order_id": "\(row.order_id)", "cancellation_id": "\(row.id)",
                                                      "refund_minor_units": "\(row.refund_amount)", "currency": "\(row.currency)"])
        }
        return Confirmation(cancellation: Self.view(row), seatsReleased: seatsReleased ?? 0, newlyCancelled: seatsReleased != nil)
    }

    /// Refunds every coupon still open, frees the order's seats and closes its paid items (as refunded when the rules
    /// refund them), in the cancellation's transaction; tells revenue accounting what each passenger got back for their
    /// coupons (`ticket.refunded`).
    static func closeServicesAndCoupons(_ quote: CancellationRow, at now: Int64, on sql: any SQLDatabase) async throws {
        let orderID = quote.order_id, involuntary = quote.involuntary == 1, currency = CurrencyCode(quote.currency) ?? .usd
        guard let header = try await OrderStore.header(orderID, on: sql) else { return }
        let conditions = try await OrderStore.conditions(orderID, header: header, on: sql)
        var refunded: [Int: [CouponReference]] = [:]
        for coupon in try await CouponStore.coupons(orderID: orderID, on: sql) where coupon.status.after(.refund) != nil {
            if try await CouponStore.apply(.refund, to: coupon, actor: involuntary ? "airline" : "passenger", at: now, on: sql) != nil {
                refunded[coupon.passenger_position, default: []].append(CouponReference(ticketNumber: coupon.ticket_number,
                                                                                        segmentPosition: coupon.segment_position))
            }
        }
        try await SeatStore.releaseAll(orderID: orderID, on: sql)
        var servicesRefund: Int64 = 0
        for service in try await OrderServiceStore.services(orderID: orderID, on: sql) where service.status == .active {
            let refund = ServiceRefunds.onCancellation(kind: service.kind, paid: service.price, delivery: service.delivery,
                                                       conditions: conditions, involuntary: involuntary)
            try await OrderServiceStore.close(service.id, as: refund.minorUnits > 0 ? .refunded : .forfeited, refunded: refund, at: now, on: sql)
            servicesRefund += refund.minorUnits
        }
        // Each passenger's fares back under the rules the quote used; whatever the quote gave more or less (the order
        // changed between quote and confirmation) is the first passenger's, so that the documents add up to the cash.
        var fareRefunds: [Int: Int64] = [:]
        for fare in try await OrderStore.fares(orderID, on: sql) {
            fareRefunds[fare.passenger, default: 0] += involuntary ? fare.base + fare.taxes
                : RefundRules.refund(base: Money(minorUnits: fare.base, currency: currency), taxes: Money(minorUnits: fare.taxes, currency: currency),
                                     conditions: conditions).minorUnits
        }
        let positions = fareRefunds.keys.sorted()
        if let first = positions.first { fareRefunds[first, default: 0] += quote.refund_amount - servicesRefund - fareRefunds.values.reduce(0, +) }
        try await Outbox.append(positions.map { position in
            (topic: .ticketRefunded, aggregateID: orderID, payload: TicketRefundedEvent(
                orderID: orderID, cancellationID: quote.id, passengerPosition: position, coupons: refunded[position] ?? [], currency: currency.code,
                refundedAmount: fareRefunds[position] ?? 0, involuntary: involuntary, refundedAt: now))
        }, on: sql, at: Date(timeIntervalSince1970: TimeInterval(now)))
    }

    private static func view(_ row: CancellationRow) -> CancellationView {
        let currency = CurrencyCode(row.currency) ?? .usd
        return CancellationView(
            id: row.id, orderId: row.order_id, status: row.status,
            refundAmount: Money(minorUnits: row.refund_amount, currency: currency).decimalString, refundCurrency: currency.code,
            refundTo: "original_form_of_payment", createdAt: APITime.utc(row.created_at), expiresAt: APITime.utc(row.expires_at),
            confirmedAt: row.confirmed_at.map(APITime.utc))
    }
}

/// The payload of `order.cancelled` in the outbox.
