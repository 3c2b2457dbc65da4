import Foundation
import Logging
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportContracts

/// Seat maps, and the seats and bags passengers choose after their purchase (at purchase, `OrderService` applies the
/// same rules in its own transaction). Paid items are order items; a bag is refunded until it is dropped off.
public struct SeatsAndBagsService: Sendable {
    let database: any Database
    let tokens: OfferToken
    let payments: OrderPayments
    let repository: OrderRepository
    let clock: BookingClock
    let logger: Logger

    public init(database: any Database, tokens: OfferToken, payments: PaymentGateway, repository: OrderRepository, clock: BookingClock, logger: Logger) {
        self.database = database
        self.tokens = tokens
        self.payments = OrderPayments(gateway: payments)
        self.repository = repository
        self.clock = clock
        self.logger = logger
    }

    var now: Int64 { Int64(clock.now.timeIntervalSince1970) }

    // MARK: - Seat maps

    /// The seat maps of an offer's flights, priced for its fare brand (what the purchase page shows).
    public func seatMaps(offerID: String) async throws -> [SeatMapView] {
        guard let claims = tokens.decode(offerID) else {
            throw ServiceError(.notFound, code: .offerNotFound, message: "No offer has this id.", field: "offer_id")
        }
        guard claims.expiresAt > now else {
            throw ServiceError(.conflict, code: .offerExpired, message: "The offer expired; search again.", field: "offer_id")
        }
        let currency = CurrencyCode(claims.currency) ?? .usd
        return try await database.read { sql in
            var maps: [SeatMapView] = []
            for segment in claims.segments {
                guard let seating = try await FlightSeating.load(flightID: segment.flightID, on: sql) else {
                    throw ServiceError(.notFound, code: .offerNotFound, message: "A flight of this offer no longer exists.", field: "offer_id")
                }
                maps.append(seating.view(brand: claims.brand, currency: currency, orderID: nil, passengerIDs: [], cabin: claims.cabin))
            }
            return maps
        }
    }

    /// The seat maps of an order's flights, with its passengers' seats marked.
    public func seatMaps(orderID: String) async throws -> [SeatMapView] {
        try await database.read { sql in
            let context = try await OrderContext.load(orderID, locking: false, on: sql)
            var maps: [SeatMapView] = []
            for segment in context.segments {
                guard let seating = try await FlightSeating.load(flightID: segment.flight_id, on: sql) else { continue }
                maps.append(seating.view(brand: context.brand, currency: context.currency, orderID: orderID,
                                         passengerIDs: context.passengers.map(\.id), cabin: context.cabin))
            }
            return maps
        }
    }

    // MARK: - Changes after the purchase

    /// Gives the order's passengers the seats and bags asked for, collects what they cost in one capture and writes
    /// `order.services_changed`, all in one transaction. `idempotencyKey` makes a retry return the order unchanged.
    public func update(orderID: String, input: ServiceRequestInput, idempotencyKey: String?, requestHash: String) async throws -> OrderView {
        let now = self.now
        let locking = database.engine == .postgres
        let card = try input.payment?.card.map { try OrderValidator.card($0, now: clock.now) }
        let captureKey = "svc-\(orderID)-\(idempotencyKey ?? Identifier.make(prefix: "req"))"
        let changed = try await payments.voidingCapture(captureKey, logger: logger) {
            try await database.transaction { sql -> Bool in
                if let idempotencyKey, try await IdempotencyKeyStore.isRetry("services:\(orderID):\(idempotencyKey)", requestHash: requestHash,
                                                                            orderID: orderID, at: now, on: sql) {
                    return false
                }
                let context = try await OrderContext.load(orderID, locking: locking, on: sql)
                guard context.header.status == .confirmed else {
                    throw ServiceError(.conflict, code: .orderAlreadyCancelled, message: "This order is cancelled.")
                }
                let resolver = ServiceRequestResolver(passengerIDs: context.passengers.map(\.id), passengerCount: context.passengers.count,
                                                      flightIDs: context.segments.map(\.flight_id))
                let requests = try resolver.resolve(seats: input.seats, bags: input.bags)
                guard !requests.seats.isEmpty || !requests.bags.isEmpty else {
                    throw ValidationFailure([.init(code: .missingField, field: "seats", message: "Ask for at least one seat or bag.")])
                }
                let due = try await ServiceApplier(context: context, now: now).apply(seats: requests.seats, bags: requests.bags, on: sql)
                try await payments.collect(due, card: card, orderID: orderID, idempotencyKey: captureKey, at: now, on: sql)
                try await appendServicesChanged(context: context, charged: due, refunded: .zero(context.currency), on: sql)
                return true
            }
        }
        if changed { logger.info("order services changed", metadata: ["module": "booking", "order_id": "\(orderID)"]) }
        guard let view = try await repository.find(id: orderID) else {
            throw ServiceError(.notFound, code: .orderNotFound, message: "No order has this id.", field: "order_id")
        }
        return view
    }

    /// Removes a paid bag that has not been dropped off and refunds it.
    public func removeBag(orderID: String, serviceID: String) async throws -> OrderView {
        let now = self.now
        try await database.transaction { sql in
            let context = try await OrderContext.load(orderID, locking: database.engine == .postgres, on: sql)
            guard let bag = try await OrderServiceStore.services(orderID: orderID, on: sql)
                .first(where: { $0.id == serviceID && $0.kind == .checkedBag }) else {
                throw ServiceError(.notFound, code: .invalidServiceRequest, message: "This order has no such bag.", field: "service_id")
            }
            guard bag.status == .active, bag.delivery?.isRefundable ?? false else {
                throw ServiceError(.conflict, code: .servicesClosed, message: "This bag was dropped off or refunded already.", field: "service_id")
            }
            try await OrderServiceStore.close(bag.id, as: .refunded, refunded: bag.price, at: now, on: sql)
            try await payments.refund(bag.price, orderID: orderID, idempotencyKey: "bag-\(bag.id)", at: now, on: sql)
            try await appendServicesChanged(context: context, charged: .zero(context.currency), refunded: bag.price, on: sql)
        }
        guard let view = try await repository.find(id: orderID) else {
            throw ServiceError(.notFound, code: .orderNotFound, message: "No order has this id.", field: "order_id")
        }
        return view
    }

    func appendServicesChanged(context: OrderContext, charged: Money, refunded: Money, on sql: any SQLDatabase) async throws {
        let seats = try await SeatStore.seats(orderID: context.orderID, on: sql)
        let services = try await OrderServiceStore.services(orderID: context.orderID, on: sql).filter { $0.status == .active }
        try await Outbox.append(topic: .orderServicesChanged, aggregateID: context.orderID, payload: OrderServicesChangedEvent(
            orderID: context.orderID, bookingReference: context.header.record_locator,
            seats: seats.map { .init(passengerID: context.passengers[$0.passenger_position].id, flightID: $0.flight_id, designator: $0.seat) },
            services: services.map { .init(id: $0.id, kind: $0.kind.rawValue, passengerID: context.passengers[$0.passenger_position].id,
                                           flightID: context.segments[$0.segment_position].flight_id, amount: $0.price.decimalString) },
            chargedAmount: charged.decimalString, refundedAmount: refunded.decimalString, currency: context.currency.code),
            on: sql, at: Date(timeIntervalSince1970: TimeInterval(now)))
    }

    // MARK: - Operators

    /// Blocks a seat of a flight (out of service, crew rest) so that nobody can choose it; a seat someone has is refused.
    public func block(seat designator: String, flightID: String, reason: String, operator name: String) async throws {
        let now = self.now
        try await database.transaction { sql in
            guard let seating = try await FlightSeating.load(flightID: flightID, on: sql) else {
                throw ServiceError(.notFound, code: .flightNotFound, message: "No flight has this id.", field: "flight_id")
            }
            guard let seat = seating.seat(designator) else {
                throw ServiceError(.notFound, code: .seatNotFound, message: "This flight has no seat \(designator).", field: "seat")
            }
            guard seating.taken[seat.number] == nil else {
                throw ServiceError(.conflict, code: .seatUnavailable, message: "A passenger has seat \(seat.number); move them first.", field: "seat")
            }
            _ = try await SeatStore.block(seat.number, flightID: flightID, reason: reason, operator: name, at: now, on: sql)
        }
    }

    /// Puts a blocked seat back on the map; `seat_not_found` when it was not blocked.
    public func unblock(seat designator: String, flightID: String) async throws {
        try await database.transaction { sql in
            guard try await SeatStore.unblock(designator.uppercased(), flightID: flightID, on: sql) else {
                throw ServiceError(.notFound, code: .seatNotFound, message: "Seat \(designator) of this flight is not blocked.", field: "seat")
            }
        }
    }
}
