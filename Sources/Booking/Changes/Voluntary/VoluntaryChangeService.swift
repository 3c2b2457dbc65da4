import Foundation
import Logging
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportContracts

/// Voluntary changes in two steps, as Duffel's order change requests: offers to fly one slice of an order on another
/// flight of the same route (priced by the fare's change fee and the fare difference), then the confirmation of one,
/// which in one transaction takes the new seats (never past a booking limit), gives the old ones back, reissues the
/// tickets, carries the seats over, collects or refunds, and writes `order.changed`.
public struct VoluntaryChangeService: Sendable {
    /// A change offer is honoured for this long.
    public static let offerLifetime: Int64 = 15 * 60

    let database: any Database
    let network: NetworkDirectory
    let tokens: ChangeOfferToken
    let pricing: FarePricing
    let payments: OrderPayments
    let tickets: TicketIssuer
    let repository: OrderRepository
    let clock: BookingClock
    let logger: Logger

    public init(database: any Database, network: NetworkDirectory, signer: Signer, pricing: FarePricing, payments: PaymentGateway,
                accountingCode: String, clock: BookingClock, logger: Logger) {
        self.database = database
        self.network = network
        tokens = ChangeOfferToken(signer: signer)
        self.pricing = pricing
        self.payments = OrderPayments(gateway: payments)
        tickets = TicketIssuer(engine: database.engine, accountingCode: accountingCode)
        repository = OrderRepository(database: database, network: network)
        self.clock = clock
        self.logger = logger
    }

    /// The order a change offer belongs to, for the owner check; nil for an id that is not a genuine offer.
    public func orderID(ofOffer id: String) -> String? { tokens.decode(id)?.orderID }

    // MARK: - Step one: offers

    /// Offers for flying the slice of `input` on the date asked instead, cheapest first (none when nothing is open).
    public func offers(_ input: OrderChangeRequestInput) async throws -> OrderChangeRequestView {
        let (orderID, flightID, date) = try Self.validate(input)
        let now = clock.now, nowSeconds = Int64(now.timeIntervalSince1970)
        let snapshot = try await network.current()
        let offers = try await database.read { sql -> [OrderChangeOfferView] in
            let context = try await OrderContext.load(orderID, locking: false, on: sql)
            let position = try await Self.changeableSegment(context, flightID: flightID, now: nowSeconds, on: sql)
            let old = try await OrderStore.fares(orderID, segment: position, on: sql).reduce(0, +)
            guard let current = try await ScheduledFlight.find(id: flightID, cabin: context.cabin, on: sql) else {
                throw ServiceError(.notFound, code: .flightNotFound, message: "This order has no such flight.", field: "slices.remove[0].flight_id")
            }
            let today = (snapshot.clocks[current.origin] ?? .utc).localDate(of: now)
            guard date >= today else {
                throw ValidationFailure([.init(code: .departureDateInPast, field: "slices.add[0].departure_date", message: "The new date is in the past.")])
            }
            let window = try await Self.window(for: position, of: context, on: sql)
            let candidates = try await ScheduledFlight.onSale(origin: current.origin, destination: current.destination, date: date.iso,
                                                              cabin: context.cabin, departingAfter: ShoppingService.salesCutoff(at: now), on: sql)
            let presenter = FlightPresenter(network: snapshot)
            let priced = candidates.compactMap { flight -> (due: Int64, departs: Int64, offer: OrderChangeOfferView)? in
                guard flight.id != flightID, flight.departsAt > window.after, flight.arrivesAt < window.before,
                      let priced = price(flight, context: context, oldFares: old) else { return nil }
                let claims = ChangeOfferClaims(orderID: orderID, segment: position, fromFlightID: flightID, toFlightID: flight.id,
                                               bookingClass: priced.bookingClass.code, expiresAt: nowSeconds + Self.offerLifetime,
                                               newFaresMinorUnits: priced.newFares.minorUnits, amountDueMinorUnits: priced.quote.amountDue.minorUnits,
                                               refundMinorUnits: priced.quote.refund.minorUnits, currency: context.currency.code)
                let seatsLeft = flight.availability.available(in: priced.bookingClass)
                let otherFares = context.header.total_amount - old
                let offer = OrderChangeOfferView(
                    id: tokens.encode(claims), expiresAt: APITime.utc(claims.expiresAt), removedFlightId: flightID,
                    slice: presenter.slice(flight, bookingClass: priced.bookingClass), fareBrand: context.brand.rawValue,
                    changeFeeAmount: priced.quote.changeFee.decimalString, fareDifferenceAmount: priced.quote.fareDifference.decimalString,
                    changeTotalAmount: priced.quote.amountDue.decimalString, refundAmount: priced.quote.refund.decimalString,
                    newTotalAmount: Money(minorUnits: otherFares + priced.newFares.minorUnits, currency: context.currency).decimalString,
                    totalCurrency: context.currency.code, availableSeats: seatsLeft <= 9 ? seatsLeft : nil)
                return (priced.quote.amountDue.minorUnits - priced.quote.refund.minorUnits, flight.departsAt, offer)
            }
            return priced.sorted { ($0.due, $0.departs) < ($1.due, $1.departs) }.map(\.offer)
        }
        return OrderChangeRequestView(id: Identifier.make(prefix: "ocq"), orderId: orderID, removedFlightId: flightID, departureDate: date.iso,
                                      orderChangeOffers: offers)
    }

    struct PricedChange {
        let bookingClass: BookingClass
        let fares: ItineraryPricing
        let newFares: Money
        let quote: ChangeQuote
    }

    /// The order's brand's cheapest open class on `flight` for its passengers, and the change's price; nil when closed.
    func price(_ flight: ScheduledFlight, context: OrderContext, oldFares: Int64, bookingClass code: String? = nil) -> PricedChange? {
        let seats = context.passengers.filter { $0.passenger_type.takesSeat }.count
        let open = code.flatMap { FareLadder.bookingClass($0, in: context.cabin) }
            ?? flight.availability.cheapestOpenClass(of: context.brand, seats: max(1, seats))
        guard let bookingClass = open, bookingClass.brand == context.brand else { return nil }
        let fares = ItineraryPricing(passengers: context.passengers.map(\.passenger_type), segments: [(flight.distanceMiles, bookingClass)], pricing: pricing)
        guard let quote = try? ChangeQuote.quote(passengers: context.passengers.count, oldFares: Money(minorUnits: oldFares, currency: context.currency),
                                                 newFares: fares.total, conditions: context.conditions) else { return nil }
        return PricedChange(bookingClass: bookingClass, fares: fares, newFares: fares.total, quote: quote)
    }

    // MARK: - Step two: confirmation

    /// Confirms a change offer. `idempotencyKey` makes a retry return the first change's order instead of changing again.
    public func confirm(_ input: OrderChangeInput, idempotencyKey: String?, requestHash: String, actor: String) async throws -> OrderChangeView {
        guard let id = input.selectedOrderChangeOffer, !id.isEmpty else {
            throw ValidationFailure([.init(code: .missingField, field: "selected_order_change_offer", message: "Give the id of the chosen change offer.")])
        }
        guard let claims = tokens.decode(id) else {
            throw ServiceError(.notFound, code: .orderChangeOfferNotFound, message: "No change offer has this id.", field: "selected_order_change_offer")
        }
        let now = clock.now, nowSeconds = Int64(now.timeIntervalSince1970)
        guard claims.expiresAt > nowSeconds else {
            throw ServiceError(.conflict, code: .orderChangeOfferExpired, message: "The change offer expired; ask for new offers.", field: "selected_order_change_offer")
        }
        let card = try input.payment?.card.map { try OrderValidator.card($0, now: now) }
        let changeID = Identifier.make(prefix: "och")
        let captureKey = "chg-\(claims.orderID)-\(idempotencyKey ?? changeID)"
        let currency = CurrencyCode(claims.currency) ?? .usd
        let replayed = try await payments.voidingCapture(captureKey, logger: logger) {
            try await database.transaction { sql -> Bool in
                if let idempotencyKey, try await IdempotencyKeyStore.isRetry("change:\(claims.orderID):\(idempotencyKey)", requestHash: requestHash,
                                                                            orderID: claims.orderID, at: nowSeconds, on: sql) {
                    return true
                }
                try await apply(claims, card: card, changeID: changeID, captureKey: captureKey, actor: actor, now: now, on: sql)
                return false
            }
        }
        if !replayed {
            logger.info("order changed", metadata: ["module": "booking", "order_id": "\(claims.orderID)", "from": "\(claims.fromFlightID)",
                                                    "to": "\(claims.toFlightID)", "charged_minor_units": "\(claims.amountDueMinorUnits)"])
        }
        guard let order = try await repository.find(id: claims.orderID) else {
            throw ServiceError(.notFound, code: .orderNotFound, message: "No order has this id.", field: "order_id")
        }
        return OrderChangeView(id: changeID, orderId: claims.orderID, removedFlightId: claims.fromFlightID, addedFlightId: claims.toFlightID,
                               changeTotalAmount: Money(minorUnits: claims.amountDueMinorUnits, currency: currency).decimalString,
                               refundAmount: Money(minorUnits: claims.refundMinorUnits, currency: currency).decimalString,
                               totalCurrency: currency.code, confirmedAt: APITime.utc(nowSeconds), order: order)
    }

    private func apply(_ claims: ChangeOfferClaims, card: PaymentCard?, changeID: String, captureKey: String, actor: String, now: Date,
                       on sql: any SQLDatabase) async throws {
        let nowSeconds = Int64(now.timeIntervalSince1970)
        let context = try await OrderContext.load(claims.orderID, locking: database.engine == .postgres, on: sql)
        guard context.segments.indices.contains(claims.segment), context.segments[claims.segment].flight_id == claims.fromFlightID else {
            throw ServiceError(.conflict, code: .orderChangedSinceOffer, message: "The booking changed since this offer; ask for new offers.",
                               field: "selected_order_change_offer")
        }
        _ = try await Self.changeableSegment(context, flightID: claims.fromFlightID, now: nowSeconds, on: sql)
        let oldFares = try await OrderStore.fares(claims.orderID, segment: claims.segment, on: sql)
        let old = oldFares.reduce(0, +)
        guard let flight = try await ScheduledFlight.find(id: claims.toFlightID, cabin: context.cabin, on: sql), flight.departsAt > ShoppingService.salesCutoff(at: now),
              let priced = price(flight, context: context, oldFares: old, bookingClass: claims.bookingClass) else {
            throw ServiceError(.conflict, code: .offerNoLongerAvailable, message: "The new flight has closed for sale; ask for new offers.",
                               field: "selected_order_change_offer")
        }
        guard priced.newFares.minorUnits == claims.newFaresMinorUnits, priced.quote.amountDue.minorUnits == claims.amountDueMinorUnits,
              priced.quote.refund.minorUnits == claims.refundMinorUnits else {
            throw ServiceError(.conflict, code: .offerRepriced, message: "The price of this change moved; ask for new offers.", field: "selected_order_change_offer")
        }
        let segment = context.segments[claims.segment]
        if segment.seats > 0 {
            guard try await InventoryStore.take(segment.seats, flightID: flight.id, cabin: segment.cabin,
                                                limit: flight.availability.bookingLimit(for: priced.bookingClass), on: sql) else {
                throw ServiceError(.conflict, code: .soldOut, message: "\(flight.carrier)\(flight.flightNumber) has no seats left at this fare; ask for new offers.",
                                   field: "selected_order_change_offer")
            }
            try await InventoryStore.giveBack(segment.seats, flightID: claims.fromFlightID, cabin: segment.cabin, on: sql)
        }
        try await OrderStore.refare(orderID: claims.orderID, position: claims.segment, bookingClass: priced.bookingClass,
                                    fares: priced.fares.fares.map { $0[0] }, on: sql)
        var move = SegmentMove(context: context, segment: claims.segment, toFlightID: flight.id, actor: actor, now: nowSeconds)
        move.exchanges = TicketDocuments.voluntaryExchanges(passengers: context.passengers.map { ($0.position, $0.ticket_number) }, oldFares: oldFares,
                                                            newFares: priced.fares.fares.map { $0[0].base.minorUnits + $0[0].taxTotal.minorUnits },
                                                            quote: priced.quote)
        let moved = try await move.run(tickets: tickets, payments: payments, refundKey: "\(captureKey)-seats", on: sql)
        try await payments.collect(priced.quote.amountDue, card: card, orderID: claims.orderID, idempotencyKey: captureKey, at: nowSeconds, on: sql)
        try await payments.refund(priced.quote.refund, orderID: claims.orderID, idempotencyKey: "\(captureKey)-fare", at: nowSeconds, on: sql)
        let refunded = priced.quote.refund + moved.seatRefund
        try await OrderStore.recordChange(orderID: claims.orderID, disruptionID: nil, kind: "changed", fromFlightID: claims.fromFlightID,
                                          toFlightID: flight.id, refund: refunded, actor: actor, at: nowSeconds, on: sql)
        let rebooking = Rebooking(orderID: claims.orderID, bookingReference: context.header.record_locator, fromFlightID: claims.fromFlightID,
                                  toFlightID: flight.id, seats: segment.seats, tickets: moved.reissues)
        try await Outbox.append(topic: .orderChanged, aggregateID: claims.orderID,
                                payload: OrderChangedEvent(rebooking: rebooking, disruptionID: nil, actor: actor, reason: .voluntary,
                                                           charged: priced.quote.amountDue, refunded: refunded),
                                on: sql, at: now)
    }

    // MARK: - Rules

    static func validate(_ input: OrderChangeRequestInput) throws -> (orderID: String, flightID: String, date: LocalDate) {
        var issues: [ValidationIssue] = []
        let orderID = input.orderId ?? ""
        if orderID.isEmpty { issues.append(.init(code: .missingField, field: "order_id", message: "Give the id of the order to change.")) }
        let removes = input.slices?.remove ?? [], adds = input.slices?.add ?? []
        if removes.count != 1 || (removes.first?.flightId ?? "").isEmpty {
            issues.append(.init(code: .invalidSlices, field: "slices.remove", message: "Name the one flight to change by its flight_id."))
        }
        var date: LocalDate?
        if adds.count != 1 {
            issues.append(.init(code: .invalidSlices, field: "slices.add", message: "Give one new departure_date for the slice."))
        } else {
            date = adds[0].departureDate.flatMap(LocalDate.init(iso:))
            if date == nil { issues.append(.init(code: .invalidDate, field: "slices.add[0].departure_date", message: "Give the new date as YYYY-MM-DD.")) }
        }
        guard issues.isEmpty, let date, let flightID = removes.first?.flightId else { throw ValidationFailure(issues) }
        return (orderID, flightID, date)
    }

    /// The position of the order's flight `flightID`, when the fare and the coupons still allow changing it.
    static func changeableSegment(_ context: OrderContext, flightID: String, now: Int64, on sql: any SQLDatabase) async throws -> Int {
        guard context.header.status == .confirmed else {
            throw ServiceError(.conflict, code: .orderAlreadyCancelled, message: "This order is cancelled.", field: "order_id")
        }
        guard let segment = context.segments.first(where: { $0.flight_id == flightID }) else {
            throw ServiceError(.notFound, code: .flightNotFound, message: "This order has no such flight.", field: "slices.remove[0].flight_id")
        }
        guard context.conditions.changeable else {
            throw ServiceError(.conflict, code: .fareNotChangeable, message: context.isAward
                ? "Award tickets cannot be changed: cancel the award (its miles come back) and book another."
                : "\(context.brand.displayName) fares cannot be changed.", field: "order_id")
        }
        let coupons = context.coupons.filter { $0.segment_position == segment.position }
        let departure = try await FlightStore.flight(flightID, on: sql)?.departsAt ?? 0
        guard coupons.allSatisfy({ [.open, .checkedIn].contains($0.status) }), departure > now + Int64(ShoppingService.salesCutoff) else {
            throw ServiceError(.conflict, code: .changeNotPossible, message: "This flight can no longer be changed: it is about to leave, boarding or flown.",
                               field: "slices.remove[0].flight_id")
        }
        return segment.position
    }

    /// The new flight must leave after the previous flight of the order lands and land before the next one leaves.
    static func window(for position: Int, of context: OrderContext, on sql: any SQLDatabase) async throws -> (after: Int64, before: Int64) {
        let ids = context.segments.map(\.flight_id)
        let flights = try await FlightStore.flights(ids, on: sql)
        let after = position > 0 ? flights[ids[position - 1]]?.arrivesAt ?? 0 : 0
        let before = position + 1 < ids.count ? flights[ids[position + 1]]?.departsAt ?? .max : .max
        return (after, before)
    }
}
