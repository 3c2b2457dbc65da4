import Booking
import Foundation
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

@Suite struct SeatsAndBagsTests {
    static let flight = "20261208-UA100-JFKLAX"

    /// An order on UA100 with the seats and bags given (passengers by index).
    static func buy(_ fixture: BookingFixture, brand: String = "standard", passengers: [PassengerType] = [.adult],
                    seats: [(Int, String)] = [], bags: [(Int, Int)] = [], card: String = "4242424242424242") async throws -> OrderCreated {
        let offer = try await OrderTests.offer(fixture, brand: brand, passengers: passengers.map(\.rawValue))
        var input = BookingFixture.order(offerID: offer.id, passengers: passengers, card: card)
        input.seats = seats.map { .init(passengerIndex: $0.0, flightId: flight, designator: $0.1) }
        input.bags = bags.map { .init(passengerIndex: $0.0, flightId: flight, quantity: $0.1) }
        return try await fixture.orders.create(input, idempotencyKey: nil, requestHash: UUID().uuidString)
    }

    static func card() -> OrderInput.Payment {
        .init(card: .init(number: "4242424242424242", expiryMonth: 12, expiryYear: 2030, cvc: "123", holderName: "Ada Lovelace"))
    }

    @Test(arguments: TestDatabases.engines)
    func aPaidSeatAndABagAreBoughtWithTheTicketsInOneCapture(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let offer = try await OrderTests.offer(fixture, brand: "basic")
            let created = try await Self.buy(fixture, brand: "basic", seats: [(0, "5a")], bags: [(0, 1)])
            let order = created.order
            // Row 5 is economy's bulkhead row (extra legroom, $45 on 2,475 miles); a basic fare includes no bag ($35).
            #expect(order.services.map(\.type) == [.seat, .checkedBag])
            #expect(order.services.map(\.totalAmount) == ["45.00", "35.00"])
            #expect(order.services.map(\.designator) == ["5A", "1"])
            #expect(order.services.last?.deliveryStatus == .booked)
            #expect(order.servicesTotalAmount == "80.00")
            #expect(order.totalAmount == offer.totalAmount)
            let fare = try #require(Money(decimalString: offer.totalAmount, currency: .usd))
            #expect(order.payments.map(\.amount) == [Money(minorUnits: fare.minorUnits + 8_000, currency: .usd).decimalString])
            #expect(order.coupons.map(\.status) == [.open])
            #expect(order.coupons.first?.seat == "5A")
            #expect(order.includedCheckedBags == 0)

            let map = try #require(try await fixture.seatsAndBags.seatMaps(orderID: order.id).first)
            let seat = try #require(map.cabins.flatMap(\.rows).flatMap(\.seats).first { $0.designator == "5A" })
            #expect(seat.status == .occupied && seat.passengerId == order.passengers[0].id && seat.zone == .extraLegroom)
            #expect(map.cabins.map(\.cabinClass) == ["economy"])
            #expect(map.cabins[0].columns == ["A", "B", "C", nil, "D", "E", "F"])
            #expect(map.availableSeats == 183)
            // The offer's map (the purchase page's) shows the seat taken, to anyone.
            let offerMap = try #require(try await fixture.seatsAndBags.seatMaps(offerID: offer.id).first)
            #expect(offerMap.cabins.flatMap(\.rows).flatMap(\.seats).first { $0.designator == "5A" }?.passengerId == nil)
            #expect(offerMap.cabins.flatMap(\.rows).flatMap(\.seats).first { $0.designator == "5A" }?.status == .occupied)
        }
    }

    @Test func seatRulesRefuseWhatAPassengerCannotHave() async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            _ = try await Self.buy(fixture, seats: [(0, "20A")])
            func refusal(_ passengers: [PassengerType], _ seats: [(Int, String)]) async -> String? {
                do { _ = try await Self.buy(fixture, passengers: passengers, seats: seats); return nil } catch let error as ServiceError {
                    return error.code.rawValue
                } catch let failure as ValidationFailure { return failure.issues.first?.code.rawValue } catch { return "\(error)" }
            }
            #expect(await refusal([.adult], [(0, "20A")]) == "seat_unavailable")
            #expect(await refusal([.adult], [(0, "99A")]) == "seat_not_found")
            #expect(await refusal([.adult], [(0, "1A")]) == "seat_not_found")  // business, on an economy fare
            #expect(await refusal([.adult, .child], [(1, "17A")]) == "seat_not_allowed")  // an exit row
            #expect(await refusal([.adult, .infantWithoutSeat], [(0, "17A")]) == "seat_not_allowed")
            #expect(await refusal([.adult, .infantWithoutSeat], [(1, "21A")]) == "seat_not_allowed")
            #expect(await refusal([.adult], [(0, "21A"), (0, "21B")]) == "invalid_service_request")
            #expect(await refusal([.adult], [(3, "21A")]) == "invalid_service_request")
            // Nothing of the refused purchases was kept.
            #expect(try await OrderTests.count("orders", in: database) == 1)
            #expect(try await OrderTests.count("seat_assignments", in: database) == 1)
            let ledger = try await fixture.seatLedger()
            #expect(ledger.sold == ledger.inOrders)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aSeatIsNeverGivenToTwoPassengers(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            var orders: [OrderView] = []
            for _ in 0..<6 { orders.append(try await Self.buy(fixture).order) }
            // Six passengers ask for 12C at once, each through the API's own path.
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for order in orders {
                    group.addTask {
                        let input = ServiceRequestInput(seats: [.init(passengerId: order.passengers[0].id, flightId: Self.flight, designator: "12C")])
                        return (try? await fixture.seatsAndBags.update(orderID: order.id, input: input, idempotencyKey: nil, requestHash: order.id)) != nil
                    }
                }
                var results: [Bool] = []
                for await result in group { results.append(result) }
                return results
            }
            #expect(outcomes.filter { $0 }.count == 1)
            let holders = try await database.read { sql in
                try await sql.raw("SELECT order_id FROM seat_assignments WHERE flight_id = \(bind: Self.flight) AND seat = '12C'").all()
            }
            #expect(holders.count == 1)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func seatsMoveAndBagsAreBoughtAndRefundedAfterThePurchase(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let order = try await Self.buy(fixture, brand: "standard", seats: [(0, "7A")]).order  // front zone, $20
            let passenger = order.passengers[0].id
            #expect(order.services.map(\.totalAmount) == ["20.00"])
            func update(_ seat: String?, bags: Int? = nil, key: String? = nil, pay: Bool = true) async throws -> OrderView {
                try await fixture.seatsAndBags.update(
                    orderID: order.id,
                    input: ServiceRequestInput(seats: seat.map { [.init(passengerId: passenger, flightId: Self.flight, designator: $0)] },
                                               bags: bags.map { [.init(passengerId: passenger, flightId: Self.flight, quantity: $0)] },
                                               payment: pay ? Self.card() : nil),
                    idempotencyKey: key, requestHash: "\(seat ?? "")\(bags ?? 0)")
            }
            // Extra legroom costs $45: $25 more is due, and without a card nothing changes.
            await #expect(throws: ServiceError.self) { try await update("5C", pay: false) }
            #expect(try await fixture.repository.find(id: order.id)?.coupons.first?.seat == "7A")
            var after = try await update("5C", key: "k1")
            #expect(after.coupons.first?.seat == "5C")
            #expect(after.services.filter { $0.status == .active }.map(\.totalAmount) == ["45.00"])
            #expect(after.payments.last?.amount == "25.00")
            // A retry with the same key changes nothing and charges nothing.
            after = try await update("5C", key: "k1")
            #expect(after.payments.count == 2)
            // A standard seat keeps the seat's value; nothing is refunded.
            after = try await update("30F")
            #expect(after.coupons.first?.seat == "30F")
            #expect(after.services.filter { $0.status == .active }.map(\.totalAmount) == ["45.00"])
            #expect(after.payments.count == 2)
            // A standard fare includes one bag: the second costs $45, the third $150, a fourth is refused.
            after = try await update(nil, bags: 2)
            #expect(after.services.filter { $0.type == .checkedBag }.map(\.totalAmount) == ["45.00", "150.00"])
            await #expect(throws: ServiceError.self) { try await update(nil, bags: 1) }
            let bag = try #require(after.services.last)
            after = try await fixture.seatsAndBags.removeBag(orderID: order.id, serviceID: bag.id)
            #expect(after.services.last?.status == .refunded && after.services.last?.refundedAmount == "150.00")
            #expect(after.payments.last.map { ($0.type, $0.amount) } ?? ("", "") == ("refund", "150.00"))
            await #expect(throws: ServiceError.self) { try await fixture.seatsAndBags.removeBag(orderID: order.id, serviceID: bag.id) }

            // Cancelling a standard fare refunds the seat (refundable fare) and the bag not dropped off, and frees the seat.
            let quote = try await fixture.cancellations.quote(orderID: order.id)
            let fare = try #require(Money(decimalString: order.totalAmount, currency: .usd))
            let expected = fare.minorUnits - 10_000 + 4_500 + 4_500  // the fare less the $100 penalty, the seat, the bag
            #expect(quote.refundAmount == Money(minorUnits: expected, currency: .usd).decimalString)
            _ = try await fixture.cancellations.confirm(cancellationID: quote.id)
            let cancelled = try #require(try await fixture.repository.find(id: order.id))
            #expect(cancelled.coupons.map(\.status) == [.refunded])
            #expect(cancelled.coupons.first?.seat == nil)
            #expect(cancelled.services.allSatisfy { $0.status != .active })
            #expect(try await OrderTests.count("seat_assignments", in: database) == 0)
        }
    }

    @Test func aBasicFaresSeatIsKeptOnCancellationAndItsBagRefunded() async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let order = try await Self.buy(fixture, brand: "basic", seats: [(0, "5A")], bags: [(0, 1)]).order
            let quote = try await fixture.cancellations.quote(orderID: order.id)
            // Basic: the taxes and the undelivered bag come back; the seat does not.
            let taxes = try #require(Money(decimalString: order.taxAmount, currency: .usd))
            #expect(quote.refundAmount == Money(minorUnits: taxes.minorUnits + 3_500, currency: .usd).decimalString)
            _ = try await fixture.cancellations.confirm(cancellationID: quote.id)
            let cancelled = try #require(try await fixture.repository.find(id: order.id))
            #expect(cancelled.services.map(\.status) == [.forfeited, .refunded])
        }
    }

    @Test func anOperatorBlocksAFreeSeatOnly() async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            _ = try await Self.buy(fixture, seats: [(0, "20A")])
            await #expect(throws: ServiceError.self) {
                try await fixture.seatsAndBags.block(seat: "20A", flightID: Self.flight, reason: "broken recline", operator: "ops")
            }
            try await fixture.seatsAndBags.block(seat: "20B", flightID: Self.flight, reason: "broken recline", operator: "ops")
            let offer = try await OrderTests.offer(fixture, brand: "standard")
            let map = try #require(try await fixture.seatsAndBags.seatMaps(offerID: offer.id).first)
            #expect(map.cabins.flatMap(\.rows).flatMap(\.seats).first { $0.designator == "20B" }?.status == .blocked)
            await #expect(throws: ServiceError.self) { try await Self.buy(fixture, seats: [(0, "20B")]) }
            try await fixture.seatsAndBags.unblock(seat: "20b", flightID: Self.flight)
            await #expect(throws: ServiceError.self) { try await fixture.seatsAndBags.unblock(seat: "20B", flightID: Self.flight) }
            #expect(try await Self.buy(fixture, seats: [(0, "20B")]).order.coupons.first?.seat == "20B")
        }
    }
}
