import Booking
import Foundation
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

@Suite struct OrderTests {
    /// The first offer of `brand` on `flight`.
    static func offer(_ fixture: BookingFixture, flight: String = "UA100", brand: String = "basic",
                      passengers: [String] = ["adult"], route: (String, String) = ("JFK", "LAX"), cabin: String = "economy") async throws -> OfferView {
        let offers = try await fixture.shopping.search(BookingFixture.search(route.0, route.1, passengers: passengers, cabin: cabin)).offers
        return try #require(offers.first { $0.fareBrand == brand && $0.slices[0].segments[0].flightNumber == flight })
    }

    static func count(_ table: String, in database: any Database) async throws -> Int {
        try await database.read { sql in
            try await sql.raw(SQLQueryString("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)")).first()!.decode(column: "n", as: Int.self)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func anOrderTakesSeatsIssuesTicketsAndWritesTheOutbox(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let offer = try await Self.offer(fixture, passengers: ["adult", "child", "infant_without_seat"])
            let created = try await fixture.orders.create(
                BookingFixture.order(offerID: offer.id, passengers: [.adult, .child, .infantWithoutSeat]), idempotencyKey: nil, requestHash: "h")
            let order = created.order
            #expect(!created.replayed)
            #expect(RecordLocator(order.bookingReference) != nil)
            #expect(order.status == "confirmed")
            #expect(order.totalAmount == offer.totalAmount)
            #expect(order.passengers.map(\.ticketNumber) == ["9990000000001", "9990000000002", "9990000000003"])
            #expect(order.passengers.map(\.familyName) == ["LOVELACE", "LOVELACE", "LOVELACE"])
            #expect(order.payments.map(\.cardLastFour) == ["4242"])
            #expect(order.payments.first?.amount == offer.totalAmount)
            #expect(fixture.access.isValid(created.accessToken, for: order.id))
            let ledger = try await fixture.seatLedger()
            #expect(ledger.sold == 2 && ledger.inOrders == 2)  // the infant takes no seat
            let events = try await database.read { sql in try await Outbox.events(on: sql) }
            // A ticket document per passenger and the capture for revenue accounting, then the order itself.
            #expect(events.map(\.topic) == ["ticket.issued", "ticket.issued", "ticket.issued", "payment.captured", "order.created"])
            #expect(events.allSatisfy { $0.aggregateId == order.id })
            // Only the last four digits of the card are stored anywhere.
            let stored = try await database.read { sql in
                try await sql.raw("SELECT card_last4 FROM payments").all().map { try $0.decode(column: "card_last4", as: String.self) }
            }
            #expect(stored == ["4242"])
            // The stored fares add up to the order's total.
            let sums = try await database.read { sql in
                try await sql.raw("SELECT CAST(SUM(base_amount) + SUM(tax_amount) AS BIGINT) AS total FROM order_fares").first()!.decode(column: "total", as: Int64.self)
            }
            #expect(Money(minorUnits: sums, currency: .usd).decimalString == order.totalAmount)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aDeclinedPaymentWritesNothing(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let offer = try await Self.offer(fixture)
            await #expect(throws: ServiceError(.paymentFailed, code: "card_declined", message: "The card was declined.", field: "payment.card")) {
                try await fixture.orders.create(BookingFixture.order(offerID: offer.id, card: "4000000000000002"), idempotencyKey: "k", requestHash: "h")
            }
            for table in ["orders", "order_passengers", "order_segments", "payments", "outbox_events", "idempotency_keys"] {
                #expect(try await Self.count(table, in: database) == 0, "\(table)")
            }
            #expect(try await fixture.seatLedger().sold == 0)
        }
    }

    @Test func expiredForgedAndMismatchedOffersAreRefused() async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let offer = try await Self.offer(fixture)
            let later = BookingFixture(database: database, now: FixtureNetwork.now.addingTimeInterval(31 * 60))
            await #expect(throws: ServiceError.self) {
                try await later.orders.create(BookingFixture.order(offerID: offer.id), idempotencyKey: nil, requestHash: "h")
            }
            do {
                _ = try await later.orders.create(BookingFixture.order(offerID: offer.id), idempotencyKey: nil, requestHash: "h")
            } catch let error as ServiceError {
                #expect(error.code == "offer_expired")
            }
            do {
                _ = try await fixture.orders.create(BookingFixture.order(offerID: offer.id + "x"), idempotencyKey: nil, requestHash: "h")
            } catch let error as ServiceError {
                #expect(error.code == "offer_not_found")
            }
            do {
                _ = try await fixture.orders.create(BookingFixture.order(offerID: offer.id, passengers: [.adult, .adult]), idempotencyKey: nil, requestHash: "h")
            } catch let failure as ValidationFailure {
                #expect(failure.issues.map(\.code) == ["passengers_do_not_match_offer"])
            }
            #expect(try await Self.count("orders", in: database) == 0)
        }
    }

    @Test func invalidDetailsAreAllReportedTogether() async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let offer = try await Self.offer(fixture)
            let input = OrderInput(
                offerId: offer.id,
                passengers: [.init(type: "adult", givenName: "Ada1", familyName: "", birthDate: "2020-02-30")],
                contact: .init(email: "not-an-email", phoneNumber: "555-0123"),
                payment: .init(card: .init(number: "4242424242424241", expiryMonth: 13, expiryYear: 2030, cvc: "12", holderName: "")))
            do {
                _ = try await fixture.orders.create(input, idempotencyKey: nil, requestHash: "h")
                Issue.record("expected a validation failure")
            } catch let failure as ValidationFailure {
                #expect(failure.issues.map(\.code) == ["invalid_name", "invalid_name", "invalid_date", "invalid_email", "invalid_phone_number",
                                                       "invalid_card_number", "invalid_expiry", "invalid_cvc", "invalid_card_holder"])
                #expect(failure.issues.map(\.field).first == "passengers[0].given_name")
            }
            #expect(try await Self.count("orders", in: database) == 0)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func sixtyFourBuyersForTheLastFiveSeatsGetExactlyFiveOrders(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            // B6400 has 8 business seats, all in J at the top of the ladder: sell 3, leaving 5.
            let opening = try await Self.offer(fixture, flight: "B6400", brand: "business_flex", passengers: ["adult", "adult", "adult"], route: ("JFK", "BOS"), cabin: "business")
            _ = try await fixture.orders.create(BookingFixture.order(offerID: opening.id, passengers: [.adult, .adult, .adult]), idempotencyKey: nil, requestHash: "h")
            let offer = try await Self.offer(fixture, flight: "B6400", brand: "business_flex", route: ("JFK", "BOS"), cabin: "business")
            #expect(offer.availableSeats == 5)
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for buyer in 0..<64 {
                    group.addTask {
                        do {
                            _ = try await fixture.orders.create(BookingFixture.order(offerID: offer.id, familyName: "Buyer\(String(repeating: "x", count: buyer % 20))"),
                                                                idempotencyKey: nil, requestHash: "h\(buyer)")
                            return "ok"
                        } catch let error as ServiceError {
                            return error.code.rawValue
                        }
                    }
                }
                return try await group.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
            }
            #expect(outcomes == ["ok": 5, "sold_out": 59])
            let ledger = try await fixture.seatLedger()
            #expect(ledger.sold == 8 && ledger.inOrders == 8)
            #expect(try await Self.count("orders", in: database) == 6)
            #expect(await fixture.payments.captureCount == 6)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func twentyConcurrentRetriesWithOneKeyMakeOneOrder(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let offer = try await Self.offer(fixture)
            let input = BookingFixture.order(offerID: offer.id)
            let results = try await withThrowingTaskGroup(of: OrderCreated.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await fixture.orders.create(input, idempotencyKey: "retry-1", requestHash: "same-body") }
                }
                return try await group.reduce(into: [OrderCreated]()) { $0.append($1) }
            }
            #expect(Set(results.map(\.order.id)).count == 1)
            #expect(Set(results.map(\.accessToken)).count == 1)
            #expect(results.filter { !$0.replayed }.count == 1)
            #expect(try await Self.count("orders", in: database) == 1)
            #expect(try await fixture.seatLedger().sold == 1)
            do {
                _ = try await fixture.orders.create(input, idempotencyKey: "retry-1", requestHash: "another-body")
                Issue.record("a reused key with another body must fail")
            } catch let error as ServiceError {
                #expect(error.code == "idempotency_key_reused")
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func cancellationQuotesThenRefundsAndReturnsTheSeats(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let offer = try await Self.offer(fixture, brand: "standard", passengers: ["adult", "adult"])
            let order = try await fixture.orders.create(BookingFixture.order(offerID: offer.id, passengers: [.adult, .adult]), idempotencyKey: nil, requestHash: "h").order
            let quote = try await fixture.cancellations.quote(orderID: order.id)
            // Standard fares refund all but USD 100 per passenger.
            let total = try #require(Double(order.totalAmount))
            #expect(Double(quote.refundAmount) == ((total - 200) * 100).rounded() / 100)
            #expect(quote.status == "pending")
            #expect(try await fixture.repository.find(id: order.id)?.status == "confirmed")
            let confirmation = try await fixture.cancellations.confirm(cancellationID: quote.id)
            #expect(confirmation.seatsReleased == 2 && confirmation.newlyCancelled)
            let confirmed = confirmation.cancellation
            #expect(confirmed.status == "confirmed")
            let after = try #require(try await fixture.repository.find(id: order.id))
            #expect(after.status == "cancelled")
            #expect(after.payments.map(\.type) == ["capture", "refund"])
            #expect(after.payments.last?.amount == quote.refundAmount)
            let ledger = try await fixture.seatLedger()
            #expect(ledger.sold == 0 && ledger.inOrders == 0)
            let topics = try await database.read { sql in try await Outbox.events(on: sql).map(\.topic) }
            #expect(topics == ["ticket.issued", "ticket.issued", "payment.captured", "order.created",
                               "ticket.refunded", "ticket.refunded", "payment.refunded", "order.cancelled"])
            // Confirming again changes nothing; quoting a cancelled order is refused.
            let again = try await fixture.cancellations.confirm(cancellationID: quote.id)
            #expect(again.cancellation.confirmedAt == confirmed.confirmedAt)
            #expect(again.seatsReleased == 0 && !again.newlyCancelled)
            #expect(try await fixture.seatLedger().sold == 0)
            do {
                _ = try await fixture.cancellations.quote(orderID: order.id)
            } catch let error as ServiceError {
                #expect(error.code == "order_already_cancelled")
            }
        }
    }

    @Test func anExpiredQuoteCannotBeConfirmed() async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let offer = try await Self.offer(fixture)
            let order = try await fixture.orders.create(BookingFixture.order(offerID: offer.id), idempotencyKey: nil, requestHash: "h").order
            let quote = try await fixture.cancellations.quote(orderID: order.id)
            let later = BookingFixture(database: database, now: FixtureNetwork.now.addingTimeInterval(16 * 60))
            do {
                _ = try await later.cancellations.confirm(cancellationID: quote.id)
                Issue.record("expected expiry")
            } catch let error as ServiceError {
                #expect(error.code == "order_cancellation_expired")
            }
            #expect(try await fixture.repository.find(id: order.id)?.status == "confirmed")
            #expect(quote.refundAmount == order.taxAmount)  // basic: taxes only
        }
    }

    @Test func ordersAreFoundByReferenceAndFamilyNameOnly() async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let offer = try await Self.offer(fixture)
            let order = try await fixture.orders.create(BookingFixture.order(offerID: offer.id), idempotencyKey: nil, requestHash: "h").order
            #expect(try await fixture.repository.findID(bookingReference: order.bookingReference.lowercased(), familyName: "lovelace") == order.id)
            #expect(try await fixture.repository.findID(bookingReference: order.bookingReference, familyName: "Babbage") == nil)
        }
    }
}

@Suite struct IdempotentRetryTests {
    @Test func aRetryAfterTheOfferExpiredStillReturnsTheOrder() async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let offer = try await OrderTests.offer(fixture)
            let input = BookingFixture.order(offerID: offer.id)
            let first = try await fixture.orders.create(input, idempotencyKey: "late-retry", requestHash: "body")
            let later = BookingFixture(database: database, now: FixtureNetwork.now.addingTimeInterval(45 * 60))
            let retry = try await later.orders.create(input, idempotencyKey: "late-retry", requestHash: "body")
            #expect(retry.replayed)
            #expect(retry.order.id == first.order.id)
            #expect(retry.accessToken == first.accessToken)
        }
    }
}

@Suite struct RoundTripOrderTests {
    @Test(arguments: TestDatabases.engines)
    func aRoundTripTakesSeatsOnBothFlightsAndGivesThemBack(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let search = OfferRequestInput(slices: [.init(origin: "JFK", destination: "LAX", departureDate: "2026-12-08"),
                                                    .init(origin: "LAX", destination: "JFK", departureDate: "2026-12-12")],
                                           passengers: [.init(type: "adult"), .init(type: "infant_without_seat")], cabinClass: "economy")
            let offer = try #require(try await fixture.shopping.search(search).offers.first { $0.fareBrand == "flex" })
            let order = try await fixture.orders.create(BookingFixture.order(offerID: offer.id, passengers: [.adult, .infantWithoutSeat]),
                                                        idempotencyKey: nil, requestHash: "h").order
            #expect(order.slices.map(\.origin) == ["JFK", "LAX"])
            #expect(order.totalAmount == offer.totalAmount)
            let sold = try await database.read { sql in
                try await sql.raw("SELECT flight_id, sold FROM flight_cabins WHERE sold > 0 ORDER BY flight_id").all()
                    .map { try $0.decode(column: "sold", as: Int.self) }
            }
            #expect(sold == [1, 1])  // one seat on each flight: the infant sits on a lap
            let quote = try await fixture.cancellations.quote(orderID: order.id)
            #expect(quote.refundAmount == order.totalAmount)  // flex refunds everything
            _ = try await fixture.cancellations.confirm(cancellationID: quote.id)
            let ledger = try await fixture.seatLedger()
            #expect(ledger.sold == 0 && ledger.inOrders == 0)
        }
    }
}
