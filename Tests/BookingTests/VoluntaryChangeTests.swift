import Booking
import Foundation
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

@Suite struct VoluntaryChangeTests {
    static let flight = SeatsAndBagsTests.flight
    static let nextDay = "2026-12-09"

    static func request(_ order: OrderView, date: String = nextDay, flight: String = flight) -> OrderChangeRequestInput {
        OrderChangeRequestInput(orderId: order.id, slices: .init(remove: [.init(flightId: flight)], add: [.init(departureDate: date)]))
    }

    static func confirm(_ fixture: BookingFixture, _ offer: OrderChangeOfferView, key: String? = nil, pay: Bool = true) async throws -> OrderChangeView {
        try await fixture.voluntaryChanges.confirm(.init(selectedOrderChangeOffer: offer.id, payment: pay ? SeatsAndBagsTests.card() : nil),
                                                   idempotencyKey: key, requestHash: offer.id + (key ?? ""), actor: "passenger")
    }

    @Test(arguments: TestDatabases.engines)
    func changeOffersArePricedByTheFaresConditions(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            // Economy Basic allows no change.
            let basic = try await SeatsAndBagsTests.buy(fixture, brand: "basic").order
            await #expect(throws: ServiceError(.conflict, code: "fare_not_changeable", message: "Economy Basic fares cannot be changed.", field: "order_id")) {
                try await fixture.voluntaryChanges.offers(Self.request(basic))
            }
            // Economy Standard: no fee; the difference to the next day's flights as the fare ladder prices them.
            let order = try await SeatsAndBagsTests.buy(fixture, brand: "standard").order
            let request = try await fixture.voluntaryChanges.offers(Self.request(order))
            #expect(request.orderChangeOffers.map { $0.slice.segments[0].flightNumber }.sorted() == ["AA200", "UA100"])
            for offer in request.orderChangeOffers {
                #expect(offer.changeFeeAmount == "0.00")
                let difference = try #require(Money(decimalString: offer.fareDifferenceAmount, currency: .usd))
                #expect(offer.changeTotalAmount == Money(minorUnits: max(0, difference.minorUnits), currency: .usd).decimalString)
                #expect(offer.refundAmount == Money(minorUnits: max(0, -difference.minorUnits), currency: .usd).decimalString)
                #expect(offer.newTotalAmount == (try #require(Money(decimalString: order.totalAmount, currency: .usd)) + difference).decimalString)
            }
            // The same day's other flight is offered too; the booked flight is not.
            let sameDay = try await fixture.voluntaryChanges.offers(Self.request(order, date: "2026-12-08"))
            #expect(sameDay.orderChangeOffers.map { $0.slice.segments[0].flightNumber } == ["AA200"])
            // Bad requests change nothing and say what is wrong.
            await #expect(throws: ValidationFailure.self) { try await fixture.voluntaryChanges.offers(Self.request(order, date: "2026-13-01")) }
            await #expect(throws: ValidationFailure.self) { try await fixture.voluntaryChanges.offers(Self.request(order, date: "2026-11-30")) }
            await #expect(throws: ServiceError.self) { try await fixture.voluntaryChanges.offers(Self.request(order, flight: "20261208-B6400-JFKBOS")) }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aConfirmedChangeMovesSeatsTicketsCouponsAndMoneyInOneStep(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let order = try await SeatsAndBagsTests.buy(fixture, brand: "flex", seats: [(0, "5A")]).order
            let offers = try await fixture.voluntaryChanges.offers(Self.request(order)).orderChangeOffers
            let offer = try #require(offers.first { $0.slice.segments[0].flightNumber == "UA100" })
            let target = offer.slice.segments[0].flightId
            let change = try await Self.confirm(fixture, offer, key: "change-1")
            let after = change.order
            #expect(after.slices[0].segments[0].flightId == target)
            #expect(after.passengers[0].ticketNumber != order.passengers[0].ticketNumber)
            #expect(after.coupons.map(\.status) == [.open])
            #expect(after.coupons.first?.ticketNumber == after.passengers[0].ticketNumber)
            // The extra-legroom seat moved to the same zone on the new flight, with its price.
            let seat = try #require(after.coupons.first?.seat)
            let map = try #require(try await fixture.seatsAndBags.seatMaps(orderID: order.id).first)
            #expect(map.flightId == target)
            #expect(map.cabins.flatMap(\.rows).flatMap(\.seats).first { $0.designator == seat }?.zone == .extraLegroom)
            #expect(after.services.filter { $0.status == .active }.map(\.designator) == [seat])
            // The inventory moved: one seat on each side, nothing oversold.
            let ledger = try await fixture.seatLedger()
            #expect(ledger.sold == ledger.inOrders && ledger.sold == 1)
            #expect(try await OrderTests.count("seat_assignments", in: database) == 1)
            // The old coupon is recorded as exchanged, the order's change and its event written.
            let history = try await database.read { sql in
                try await sql.raw("SELECT event, status, ticket_number FROM coupon_events WHERE order_id = \(bind: order.id)").all()
                    .map { (try $0.decode(column: "event", as: String.self), try $0.decode(column: "ticket_number", as: String.self)) }
            }
            #expect(history.map(\.0) == ["exchange"] && history.first?.1 == order.passengers[0].ticketNumber)
            let events = try await database.read { sql in try await Outbox.events(on: sql) }
            #expect(events.map(\.topic).last == "order.changed")
            // Paid what was due, refunded what was owed, exactly once even when retried.
            let due = try #require(Money(decimalString: offer.changeTotalAmount, currency: .usd))
            let replay = try await Self.confirm(fixture, offer, key: "change-1")
            #expect(replay.order.passengers[0].ticketNumber == after.passengers[0].ticketNumber)
            let captures = after.payments.filter { $0.type == "capture" }
            #expect(captures.count == (due.minorUnits > 0 ? 2 : 1))
            #expect(try await fixture.repository.find(id: order.id)?.payments.count == after.payments.count)
            // The offer is spent: the booking is no longer on the flight it replaced.
            await #expect(throws: ServiceError.self) { try await Self.confirm(fixture, offer) }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aChangeRacingAPurchaseForTheLastSeatNeverOversells(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let order = try await SeatsAndBagsTests.buy(fixture, brand: "flex").order
            let target = "20261209-AA200-JFKLAX"
            // One economy seat is left on the new flight (its last class, Y, open): the change and a purchase race for it.
            try await database.transaction { sql in
                try await sql.raw("UPDATE flight_cabins SET sold = capacity - 1 WHERE flight_id = \(bind: target) AND cabin = 'economy'").run()
            }
            let offers = try await fixture.voluntaryChanges.offers(Self.request(order)).orderChangeOffers
            let change = try #require(offers.first { $0.slice.segments[0].flightId == target })
            let purchase = try #require(try await fixture.shopping.search(BookingFixture.search(date: LocalDate(iso: Self.nextDay)!)).offers
                .first { $0.fareBrand == "flex" && $0.slices[0].segments[0].flightId == target })
            async let changed = (try? await Self.confirm(fixture, change)) != nil
            async let bought = (try? await fixture.orders.create(BookingFixture.order(offerID: purchase.id, familyName: "Racer"),
                                                                 idempotencyKey: nil, requestHash: "r")) != nil
            let outcomes = await [changed, bought]
            #expect(outcomes.filter { $0 }.count == 1)
            let cabin = try await database.read { sql in
                try await sql.raw("SELECT sold, capacity FROM flight_cabins WHERE flight_id = \(bind: target) AND cabin = 'economy'").first()!
            }
            #expect(try cabin.decode(column: "sold", as: Int.self) == cabin.decode(column: "capacity", as: Int.self))
            // The loser changed nothing: the order is still on its flight, or no second order exists.
            let current = try #require(try await fixture.repository.find(id: order.id))
            #expect((current.slices[0].segments[0].flightId == target) == outcomes[0])
            #expect(try await OrderTests.count("orders", in: database) == (outcomes[1] ? 2 : 1))
        }
    }

    @Test func aChangeThatCostsMoreNeedsACardAndADeclineChangesNothing() async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let order = try await SeatsAndBagsTests.buy(fixture, brand: "standard").order
            // Fill the next day's UA100 to the point where only dearer standard classes are open.
            try await database.transaction { sql in
                try await sql.raw("UPDATE flight_cabins SET sold = capacity * 80 / 100 WHERE flight_id = '20261209-UA100-JFKLAX' AND cabin = 'economy'").run()
            }
            let offers = try await fixture.voluntaryChanges.offers(Self.request(order)).orderChangeOffers
            let offer = try #require(offers.first { $0.slice.segments[0].flightNumber == "UA100" })
            #expect(offer.changeTotalAmount != "0.00")
            await #expect(throws: ServiceError.self) { try await Self.confirm(fixture, offer, pay: false) }
            await #expect(throws: ServiceError.self) {
                try await fixture.voluntaryChanges.confirm(.init(selectedOrderChangeOffer: offer.id, payment: .init(card: .init(
                    number: "4000000000000002", expiryMonth: 12, expiryYear: 2030, cvc: "123", holderName: "Ada Lovelace"))),
                                                           idempotencyKey: nil, requestHash: "d", actor: "passenger")
            }
            let unchanged = try #require(try await fixture.repository.find(id: order.id))
            #expect(unchanged.slices[0].segments[0].flightId == Self.flight)
            #expect(unchanged.passengers[0].ticketNumber == order.passengers[0].ticketNumber)
            let sold = try await database.read { sql in
                try await sql.raw("SELECT sold FROM flight_cabins WHERE flight_id = \(bind: Self.flight) AND cabin = 'economy'").first()!.decode(column: "sold", as: Int.self)
            }
            #expect(sold == 1)
            await #expect(throws: ServiceError.self) { try await fixture.voluntaryChanges.confirm(.init(selectedOrderChangeOffer: "oco_forged.x", payment: nil),
                                                                                               idempotencyKey: nil, requestHash: "f", actor: "passenger") }
        }
    }

    /// A change to a flight whose seats of the passenger's zone are all gone refunds the seat's price.
    @Test func aPaidSeatWithNoSeatOfItsZoneOnTheNewFlightIsRefunded() async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let order = try await SeatsAndBagsTests.buy(fixture, brand: "flex", seats: [(0, "5A")]).order
            let target = "20261209-UA100-JFKLAX"
            let offers = try await fixture.voluntaryChanges.offers(Self.request(order)).orderChangeOffers
            let offer = try #require(offers.first { $0.slice.segments[0].flightId == target })
            // Every extra-legroom seat of the new flight (UA100 flies N100, 200 seats) is blocked.
            for seat in SeatMapLayout.forAircraft(seats: 200).seats where seat.zone == .extraLegroom {
                try await fixture.seatsAndBags.block(seat: seat.number, flightID: target, reason: "test", operator: "ops")
            }
            let after = try await Self.confirm(fixture, offer).order
            #expect(after.coupons.first?.seat == nil)
            #expect(after.services.map(\.status) == [.refunded] && after.services.first?.refundedAmount == "45.00")
            #expect(try await OrderTests.count("seat_assignments", in: database) == 0)
            let refunds = after.payments.filter { $0.type == "refund" }.compactMap { Money(decimalString: $0.amount, currency: .usd)?.minorUnits }
            let fareRefund = try #require(Money(decimalString: offer.refundAmount, currency: .usd)).minorUnits
            #expect(refunds.reduce(0, +) == fareRefund + 4_500)
        }
    }
}
