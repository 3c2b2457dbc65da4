import Foundation
import Logging
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportContracts

/// The result of `POST /v1/orders`.
public struct OrderCreated: Sendable {
    public let order: OrderView
    public let accessToken: String
    /// True when an `Idempotency-Key` matched an earlier request and no new order was made.
    public let replayed: Bool
    /// Seats this request took from inventory (over all flights); 0 for a replay.
    public let seatsTaken: Int
}

/// Step two of the purchase: one transaction that re-checks the offer, takes the seats, records
/// the order with its PNR and tickets, captures the payment and writes `order.created`.
public struct OrderService: Sendable {
    private let database: any Database
    private let network: NetworkDirectory
    private let tokens: OfferToken
    private let access: OrderAccess
    private let pricing: FarePricing
    private let payments: PaymentGateway
    private let loyalty: LoyaltyProgramme?
    private let benefits: (any MemberBenefitsProvider)?
    private let repository: OrderRepository
    private let accountingCode: String
    private let clock: BookingClock
    private let logger: Logger

    public init(database: any Database, network: NetworkDirectory, tokens: OfferToken, access: OrderAccess, pricing: FarePricing,
                payments: PaymentGateway, loyalty: LoyaltyProgramme? = nil, benefits: (any MemberBenefitsProvider)? = nil, accountingCode: String,
                clock: BookingClock, logger: Logger) {
        self.database = database
        self.network = network
        self.tokens = tokens
        self.access = access
        self.pricing = pricing
        self.payments = payments
        self.loyalty = loyalty
        self.benefits = benefits
        self.repository = OrderRepository(database: database, network: network)
        self.accountingCode = accountingCode
        self.clock = clock
        self.logger = logger
    }

    /// Creates the order. `idempotencyKey` and `requestHash` (of the request body) make a retry
    /// return the first order instead of making a second one. `customerID` files the order under
    /// a signed-in customer's account; `language` (`en`, `ko`) is the one messages about the order are written in.
    public func create(_ input: OrderInput, idempotencyKey: String?, requestHash: String, customerID: String? = nil,
                       language: String? = nil) async throws -> OrderCreated {
        // A retry of a completed request returns its order even after the offer expired or the flight filled.
        if let idempotencyKey, let earlier = try await database.read({ sql in
            try await Self.orderID(forKey: idempotencyKey, requestHash: requestHash, on: sql)
        }), let view = try await repository.find(id: earlier) {
            return OrderCreated(order: view, accessToken: access.token(for: earlier), replayed: true, seatsTaken: 0)
        }
        let now = clock.now
        let snapshot = try await network.current()
        let claims = try OrderValidator.claims(of: input, tokens: tokens, now: now)
        let flights = try await loadFlights(claims)
        let firstOrigin = flights.first?.origin ?? ""
        let today = (snapshot.clocks[firstOrigin] ?? .utc).localDate(of: now)
        let dates = flights.compactMap { LocalDate(iso: $0.departureDate) }
        let order = try OrderValidator(now: now, today: today)
            .validate(input, claims: claims, travelDates: (dates.min() ?? today)...(dates.max() ?? today))
        let cutoff = ShoppingService.salesCutoff(at: now)
        if flights.contains(where: { $0.departsAt <= cutoff }) {
            throw ServiceError(.conflict, code: .offerNoLongerAvailable, message: "A flight of this offer has closed for sale.", field: "offer_id")
        }
        let classes = try zip(claims.segments, flights).map { segment, _ -> BookingClass in
            guard let bookingClass = FareLadder.bookingClass(segment.bookingClass, in: claims.cabin) else {
                throw ServiceError(.notFound, code: .offerNotFound, message: "No offer has this id.", field: "offer_id")
            }
            return bookingClass
        }
        let price = ItineraryPricing(passengers: claims.passengers, segments: zip(flights, classes).map { ($0.distanceMiles, $1) }, pricing: pricing)
        let services = try ServiceRequestResolver(passengerIDs: [], passengerCount: order.passengers.count, flightIDs: flights.map(\.id))
            .resolve(seats: input.seats, bags: input.bags)
        guard price.total.minorUnits == claims.totalMinorUnits, price.currency.code == claims.currency else {
            throw ServiceError(.conflict, code: .offerRepriced, message: "The fare changed to \(price.total.decimalString) \(price.currency); search again.", field: "offer_id")
        }
        if order.miles != nil && customerID == nil {
            throw ServiceError(.unauthorized, code: .milesNeedSignIn, message: "Sign in to your account to pay with your miles.", field: "payment.miles")
        }
        let payment = try PurchasePayment.plan(order.miles, claims: claims, flights: flights, classes: classes, price: price, pricing: pricing,
                                               loyalty: loyalty)
        let cashForFares = payment.price.total - payment.milesValue
        if order.card == nil && cashForFares.minorUnits > 0 {
            throw ValidationFailure([.init(code: .paymentRequired, field: "payment.card",
                                           message: "The miles leave \(cashForFares.decimalString) \(price.currency) to pay: give card details.")])
        }

        // A member's tier benefits as they are now go with the order (bags included with what it buys on this page).
        var memberBenefits: MemberBenefits?
        if let customerID, let benefits { memberBenefits = try await benefits.benefits(customerID: customerID) }
        let orderID = Identifier.make(prefix: "ord")
        // Miles are taken before the order's transaction, which the loyalty programme's own cannot run inside; every
        // way the order then fails gives them back.
        let milesCapture = try await captureMiles(payment, use: order.miles, customerID: customerID, orderID: orderID, flights: flights)
        let outcome: (orderID: String, replayed: Bool)
        do {
            outcome = try await record(order, orderID: orderID, customerID: customerID, language: language, claims: claims, flights: flights,
                                       payment: payment, memberBenefits: memberBenefits, milesCapture: milesCapture, services: services, idempotencyKey: idempotencyKey,
                                       requestHash: requestHash, now: now)
        } catch {
            // The payment may have been captured before the commit failed: void it so nobody pays for nothing.
            if !(error is ServiceError) && !(error is ValidationFailure) {
                do { try await payments.card.voidCapture(idempotencyKey: orderID) } catch { logger.error("void after failed order \(orderID): \(error)") }
            }
            await voidMiles(milesCapture, orderID: orderID)
            throw error
        }
        if outcome.replayed { await voidMiles(milesCapture, orderID: orderID) }
        if !outcome.replayed {
            logger.info("order created", metadata: ["module": "booking", "order_id": "\(outcome.orderID)", "total_minor_units": "\(price.total.minorUnits)",
                                                    "currency": "\(price.currency)", "flights": "\(flights.map(\.id).joined(separator: ","))"])
        }
        guard let view = try await repository.find(id: outcome.orderID) else {
            throw ServiceError(.unavailable, code: .orderNotReadable, message: "The order was recorded but could not be read back; retry with the same Idempotency-Key.")
        }
        let seatsTaken = outcome.replayed ? 0 : claims.passengers.filter(\.takesSeat).count * flights.count
        return OrderCreated(order: view, accessToken: access.token(for: outcome.orderID), replayed: outcome.replayed, seatsTaken: seatsTaken)
    }

    /// Takes the plan's miles from the member's account; nil without miles.
    private func captureMiles(_ payment: PurchasePayment, use: MilesUse?, customerID: String?, orderID: String,
                              flights: [ScheduledFlight]) async throws -> PaymentCapture? {
        guard let use, let customerID, payment.miles > 0 else { return nil }
        let trip = flights.map { "\($0.origin)–\($0.destination) \($0.departureDate)" }.joined(separator: ", ")
        let memo: String
        switch use {
        case .award: memo = "Award \(trip)"
        case .part: memo = "Towards the fare \(trip)"
        }
        let source = PaymentSource.miles(MilesAccount(membershipNumber: use.membershipNumber.digits, customerID: customerID, miles: payment.miles,
                                                      memo: memo))
        do {
            return try await payments.processor(for: source).capture(amount: payment.milesValue, from: source, idempotencyKey: Self.milesKey(orderID))
        } catch let declined as PaymentDeclined {
            throw ServiceError(.paymentFailed, code: declined.code, message: declined.message, field: "payment.miles")
        }
    }

    /// Gives back miles taken for an order that was not made.
    private func voidMiles(_ capture: PaymentCapture?, orderID: String) async {
        guard capture != nil, let miles = payments.miles else { return }
        do { try await miles.voidCapture(idempotencyKey: Self.milesKey(orderID)) } catch { logger.error("miles void after failed order \(orderID): \(error)") }
    }

    private static func milesKey(_ orderID: String) -> String { "\(orderID)-miles" }

    private func record(_ order: ValidOrder, orderID: String, customerID: String?, language: String?, claims: OfferClaims, flights: [ScheduledFlight],
                        payment: PurchasePayment, memberBenefits: MemberBenefits?, milesCapture: PaymentCapture?, services: (seats: [SeatRequest], bags: [BagRequest]),
                        idempotencyKey: String?, requestHash: String, now: Date) async throws -> (orderID: String, replayed: Bool) {
        let classes = payment.classes, price = payment.price
        return try await database.transaction { [self] sql -> (orderID: String, replayed: Bool) in
            if let idempotencyKey {
                if let earlier = try await claimIdempotencyKey(idempotencyKey, requestHash: requestHash, orderID: orderID, now: now, on: sql) {
                    return (earlier, true)
                }
            }
            let locator = try await insertOrder(id: orderID, customerID: customerID, language: language, order: order, price: price, benefits: memberBenefits,
                                                now: now, on: sql)
            let tickets = try await TicketIssuer(engine: database.engine, accountingCode: accountingCode).issue(count: order.passengers.count, on: sql)
            try await insertParts(orderID: orderID, order: order, flights: flights, classes: classes, price: price, tickets: tickets, on: sql)
            // Seats last: on PostgreSQL the cabin row stays locked from here to the commit, so that
            // concurrent buyers of the same flight wait as briefly as possible.
            let seats = claims.passengers.filter(\.takesSeat).count
            try await takeSeats(flights: flights, classes: classes, seats: seats, on: sql)
            let nowSeconds = Int64(now.timeIntervalSince1970)
            try await CouponStore.open(orderID: orderID, tickets: tickets.map(\.value), flightIDs: flights.map(\.id), at: nowSeconds, on: sql)
            try await TicketDocuments.issued(orderID: orderID, currency: price.currency, at: nowSeconds, on: sql)
            var total = price.total
            if !services.seats.isEmpty || !services.bags.isEmpty {
                let context = try await OrderContext.load(orderID, locking: false, on: sql)
                let due = try await ServiceApplier(context: context, now: nowSeconds).apply(seats: services.seats, bags: services.bags, on: sql)
                total = Money(minorUnits: total.minorUnits + due.minorUnits, currency: total.currency)
            }
            if let milesCapture, let miles = payments.miles {
                try await PaymentStore.recordCapture(milesCapture, orderID: orderID, processor: miles.name, at: nowSeconds, on: sql)
            }
            let cash = total - payment.milesValue
            if cash.minorUnits > 0 {
                guard let card = order.card else {
                    throw ValidationFailure([.init(code: .paymentRequired, field: "payment.card", message: "The miles leave \(cash.decimalString) \(cash.currency) to pay: give card details.")])
                }
                let capture = try await capture(cash, card: card, orderID: orderID)
                try await PaymentStore.recordCapture(capture, orderID: orderID, processor: payments.card.name, at: nowSeconds, on: sql)
            }
            try await Outbox.append(topic: .orderCreated, aggregateID: orderID, payload: OrderCreatedEvent(
                orderID: orderID, bookingReference: locator, totalAmount: total.decimalString, totalCurrency: price.currency.code,
                flightIDs: flights.map(\.id), passengers: order.passengers.count, seats: seats,
                contactEmail: order.email, customerID: customerID,
                products: zip(flights, classes).map { flight, bookingClass in
                    OrderCreatedEvent.Product(flightID: flight.id, flight: "\(flight.carrier)\(flight.flightNumber)", origin: flight.origin,
                                       destination: flight.destination, departureDate: flight.departureDate, cabin: flight.cabin,
                                       fareBasis: FareBasis.code(for: bookingClass), fareBrand: bookingClass.brand.rawValue)
                }), on: sql, at: now)
            return (orderID, false)
        }
    }

    private func loadFlights(_ claims: OfferClaims) async throws -> [ScheduledFlight] {
        try await database.read { sql in
            var flights: [ScheduledFlight] = []
            for segment in claims.segments {
                guard let flight = try await ScheduledFlight.find(id: segment.flightID, cabin: claims.cabin, on: sql) else {
                    throw ServiceError(.notFound, code: .offerNotFound, message: "A flight of this offer no longer exists.", field: "offer_id")
                }
                flights.append(flight)
            }
            return flights
        }
    }

    /// Records the key, or returns the order an earlier request with the same key made.
    private func claimIdempotencyKey(_ key: String, requestHash: String, orderID: String, now: Date, on sql: any SQLDatabase) async throws -> String? {
        if try await IdempotencyKeyStore.claim(key, requestHash: requestHash, orderID: orderID, at: Int64(now.timeIntervalSince1970), on: sql) {
            return nil
        }
        guard let earlier = try await Self.orderID(forKey: key, requestHash: requestHash, on: sql) else {
            throw ServiceError(.conflict, code: .idempotencyKeyInUse, message: "A request with this Idempotency-Key is in progress; retry shortly.")
        }
        return earlier
    }

    /// The order a committed request with this key made; nil when the key is unknown. A key used with
    /// another body is refused.
    private static func orderID(forKey key: String, requestHash: String, on sql: any SQLDatabase) async throws -> String? {
        guard let entry = try await IdempotencyKeyStore.entry(key, on: sql) else { return nil }
        guard entry.requestHash == requestHash else {
            throw ServiceError(.invalid, code: .idempotencyKeyReused, message: "This Idempotency-Key was used with a different request body.")
        }
        return entry.orderID
    }

    /// Takes the seats with a conditional update per flight: it succeeds only while the booking
    /// class is still open for all of them, so no flight is ever oversold, whatever runs concurrently.
    private func takeSeats(flights: [ScheduledFlight], classes: [BookingClass], seats: Int, on sql: any SQLDatabase) async throws {
        guard seats > 0 else { return }
        for (flight, bookingClass) in zip(flights, classes) {
            let limit = flight.availability.bookingLimit(for: bookingClass)
            if try await InventoryStore.take(seats, flightID: flight.id, cabin: flight.cabin, limit: limit, on: sql) { continue }
            let current = try await ScheduledFlight.find(id: flight.id, cabin: Cabin(rawValue: flight.cabin) ?? .economy, on: sql)
            if let current, current.availability.seatsRemaining >= seats {
                throw ServiceError(.conflict, code: .offerRepriced,
                                   message: "Class \(bookingClass.code) on \(flight.carrier)\(flight.flightNumber) has closed; higher fares are still open. Search again.", field: "offer_id")
            }
            throw ServiceError(.conflict, code: .soldOut, message: "\(flight.carrier)\(flight.flightNumber) has no seats left in this cabin.", field: "offer_id")
        }
    }

    /// Inserts the order row under a fresh record locator (retrying on the rare collision).
    private func insertOrder(id: String, customerID: String?, language: String?, order: ValidOrder, price: ItineraryPricing, benefits: MemberBenefits?,
                             now: Date, on sql: any SQLDatabase) async throws -> String {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<10 {
            let locator = RecordLocator.random(using: &generator).value
            if try await OrderStore.insert(id: id, locator: locator, customerID: customerID, language: language, order: order, price: price,
                                           benefits: benefits, at: now, on: sql) {
                return locator
            }
        }
        throw ServiceError(.unavailable, code: .recordLocatorExhausted, message: "Could not allocate a booking reference; retry.")
    }

    private func insertParts(orderID: String, order: ValidOrder, flights: [ScheduledFlight], classes: [BookingClass],
                             price: ItineraryPricing, tickets: [TicketNumber], on sql: any SQLDatabase) async throws {
        let seats = order.passengers.filter { $0.type.takesSeat }.count
        var segmentRows: [BulkInsert.Row] = []
        for (position, (flight, bookingClass)) in zip(flights, classes).enumerated() {
            segmentRows.append([orderID, position, flight.id, flight.cabin, bookingClass.code, FareBasis.code(for: bookingClass), seats])
        }
        // Fares were priced per passenger type in the offer's order; each named passenger takes one of its type.
        var faresByType: [PassengerType: [[PassengerFare]]] = [:]
        for (index, type) in order.claims.passengers.enumerated() { faresByType[type, default: []].append(price.fares[index]) }
        var passengerRows: [BulkInsert.Row] = [], fareRows: [BulkInsert.Row] = []
        for (position, passenger) in order.passengers.enumerated() {
            passengerRows.append([Identifier.make(prefix: "pas"), orderID, position, passenger.type.rawValue, passenger.givenName,
                                  passenger.familyName.uppercased(), passenger.birthDate?.iso, tickets[position].value])
            let fares = faresByType[passenger.type]!.removeFirst()
            for (segment, fare) in fares.enumerated() {
                let taxes = fare.taxes.map { "\($0.code):\($0.amount.minorUnits)" }.joined(separator: ",")
                fareRows.append([orderID, position, segment, fare.base.minorUnits, fare.taxTotal.minorUnits, taxes])
            }
        }
        try await OrderStore.insertParts(segments: segmentRows, passengers: passengerRows, fares: fareRows, on: sql)
    }

    private func capture(_ amount: Money, card: PaymentCard, orderID: String) async throws -> PaymentCapture {
        do {
            return try await payments.card.capture(amount: amount, from: .card(card), idempotencyKey: orderID)
        } catch let declined as PaymentDeclined {
            throw ServiceError(.paymentFailed, code: declined.code, message: declined.message, field: "payment.card")
        }
    }
}

/// The payload of `order.created` in the outbox: what other modules (the customer data platform,
/// operations) need without reading the booking tables.
