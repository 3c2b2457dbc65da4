import Booking
import Foundation
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

@Suite struct CheckInTests {
    static let flight = "20261202-UA100-JFKLAX"
    /// UA100 leaves JFK at 08:00 local (13:00 UTC) on 2 December: eleven hours after this, check-in is open.
    static let checkInTime = FixtureNetwork.now.addingTimeInterval(14 * 3600)

    static func buy(_ fixture: BookingFixture, passengers: [PassengerType], seats: [(Int, String)] = [], bags: [(Int, Int)] = [],
                    brand: String = "standard") async throws -> OrderView {
        let offers = try await fixture.shopping.search(BookingFixture.search(date: LocalDate(year: 2026, month: 12, day: 2)!,
                                                                             passengers: passengers.map(\.rawValue))).offers
        let offer = try #require(offers.first { $0.fareBrand == brand && $0.slices[0].segments[0].flightId == flight })
        var input = BookingFixture.order(offerID: offer.id, passengers: passengers)
        input.seats = seats.map { .init(passengerIndex: $0.0, flightId: flight, designator: $0.1) }
        input.bags = bags.map { .init(passengerIndex: $0.0, flightId: flight, quantity: $0.1) }
        return try await fixture.orders.create(input, idempotencyKey: nil, requestHash: UUID().uuidString).order
    }

    static func code(_ body: () async throws -> Void) async -> String? {
        do { try await body(); return nil } catch let error as ServiceError { return error.code.rawValue } catch let failure as ValidationFailure {
            return failure.issues.first?.code.rawValue
        } catch { return "\(error)" }
    }

    @Test(arguments: TestDatabases.engines)
    func checkInOpensADayAheadSeatsEveryoneAndIssuesSignedPasses(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let order = try await Self.buy(fixture, passengers: [.adult, .adult, .infantWithoutSeat], seats: [(0, "7A")], bags: [(1, 1)])
            #expect(await Self.code { _ = try await fixture.checkIn.checkIn(orderID: order.id, input: .init(flightId: Self.flight)) } == "check_in_not_open")

            let later = BookingFixture(database: database, now: Self.checkInTime)
            let view = try await later.checkIn.checkIn(orderID: order.id, input: .init(flightId: Self.flight))
            #expect(view.boardingPasses.count == 3)
            let passes = Dictionary(uniqueKeysWithValues: view.boardingPasses.map { ($0.passengerId, $0) })
            let first = try #require(passes[order.passengers[0].id]), second = try #require(passes[order.passengers[1].id])
            let infant = try #require(passes[order.passengers[2].id])
            #expect(first.seat == "7A" && first.boardingGroup == 2)
            // The passenger without a seat got a standard one, never in an exit row; the infant sits on a lap.
            let given = try #require(second.seat)
            let map = try #require(try await later.seatsAndBags.seatMaps(orderID: order.id).first)
            let seat = try #require(map.cabins.flatMap(\.rows).flatMap(\.seats).first { $0.designator == given })
            #expect(seat.zone == .standard && !seat.exitRow && seat.passengerId == order.passengers[1].id)
            #expect(infant.seat == nil)
            #expect(second.checkedBags == 2 && first.checkedBags == 1)  // one included, one bought

            // The barcode string, read back field by field.
            let pass = try BarcodedBoardingPass.parse(first.barcode)
            #expect(pass.passengerName == "LOVELACE/ADA")
            let leg = try #require(pass.legs.first)
            #expect(leg.recordLocator == order.bookingReference && leg.origin == "JFK" && leg.destination == "LAX")
            #expect(leg.operatingCarrier == "UA" && leg.flightNumber == "0100" && leg.dayOfYear == 336)
            #expect(leg.seat == "007A" && leg.passengerStatus == "1" && leg.compartment == order.slices[0].segments[0].bookingClass)
            #expect((leg.airlineNumericCode ?? "") + (leg.documentSerialNumber ?? "") == order.passengers[0].ticketNumber)
            #expect(leg.freeBaggageAllowance == "1PC" && pass.documentType == "B" && pass.checkInSource == "W")
            #expect(pass.security?.type == "1")
            #expect(try BarcodedBoardingPass.parse(infant.barcode).legs.first?.seat == "INF")
            let sequences = view.boardingPasses.compactMap(\.sequenceNumber)
            #expect(Set(sequences) == [1, 2, 3])

            // Checking in again changes nothing.
            let again = try await later.checkIn.checkIn(orderID: order.id, input: .init(flightId: Self.flight))
            #expect(again.boardingPasses.map(\.barcode).sorted() == view.boardingPasses.map(\.barcode).sorted())
            let events = try await database.read { sql in try await Outbox.events(on: sql) }
            #expect(events.filter { $0.topic == "order.checked_in" }.count == 1)
            let coupons = try #require(try await later.repository.find(id: order.id)).coupons
            #expect(coupons.allSatisfy { $0.status == .checkedIn && $0.checkedInAt != nil })

            // Too late online: an hour before departure it closes.
            let tooLate = BookingFixture(database: database, now: FixtureNetwork.now.addingTimeInterval(25 * 3600 - 30 * 60))
            #expect(await Self.code { _ = try await tooLate.checkIn.checkIn(orderID: order.id, input: .init(flightId: Self.flight)) } == "check_in_closed")
            #expect(await Self.code { _ = try await later.checkIn.checkIn(orderID: order.id, input: .init(flightId: Self.flight, passengerIds: ["pas_nobody"])) }
                    == "passenger_not_found")
            #expect(await Self.code { _ = try await later.checkIn.checkIn(orderID: order.id, input: .init(flightId: "20261202-AA200-JFKLAX")) }
                    == "flight_not_found")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theGateBoardsEachPassOnceAndOnItsFlightOnly(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let order = try await Self.buy(fixture, passengers: [.adult, .adult], bags: [(0, 1)])
            let later = BookingFixture(database: database, now: Self.checkInTime)
            let passes = try await later.checkIn.checkIn(orderID: order.id, input: .init(flightId: Self.flight, passengerIds: [order.passengers[0].id]))
                .boardingPasses
            #expect(passes.map(\.passengerId) == [order.passengers[0].id])
            let barcode = try #require(passes.first?.barcode)
            let gate = BookingFixture(database: database, now: Self.checkInTime.addingTimeInterval(10 * 3600))
            func scan(_ text: String, flight: String = Self.flight) async -> String? {
                await Self.code { _ = try await gate.checkIn.scan(.init(barcode: text, flightId: flight), operator: "gate-agent") }
            }
            #expect(await scan(barcode, flight: "20261202-AA200-JFKLAX") == "wrong_flight")
            #expect(await scan(barcode.replacingOccurrences(of: "JFKLAXUA", with: "JFKLAXAA")) == "invalid_boarding_pass")  // altered
            #expect(await scan("not a boarding pass") == "invalid_boarding_pass")
            #expect(await scan(barcode) == nil)
            #expect(await scan(barcode) == "already_boarded")
            let boarded = try #require(try await gate.repository.find(id: order.id))
            #expect(boarded.coupons.map(\.status) == [.boarded, .open])
            #expect(boarded.services.first?.deliveryStatus == .droppedOff)
            // Operators see the flight's passengers and where each stands.
            let manifest = try await gate.checkIn.passengers(flightID: Self.flight)
            #expect(manifest.counts == ["boarded": 1, "open": 1])
            #expect(manifest.passengers.map(\.status).sorted { $0.rawValue < $1.rawValue } == [.boarded, .open])
            #expect(manifest.passengers.first { $0.status == .boarded }?.checkedBags == 2)

            // The departure: the boarded passenger flew, the other did not show; the bag went with its passenger.
            let counts = try await database.transaction { sql in
                try await FlightCoupons.recordDeparture(of: Self.flight, at: Int64(Self.checkInTime.timeIntervalSince1970) + 11 * 3600, actor: "ops", on: sql)
            }
            #expect(counts.flown == 1 && counts.noShow == 1)
            let departed = try #require(try await gate.repository.find(id: order.id))
            #expect(departed.coupons.map(\.status) == [.flown, .noShow])
            #expect(departed.services.first?.deliveryStatus == .loaded)
        }
    }

    @Test func aPassReplacedByAChangeIsRefusedAtTheGate() async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let order = try await Self.buy(fixture, passengers: [.adult], brand: "flex")
            let later = BookingFixture(database: database, now: Self.checkInTime)
            let barcode = try #require(try await later.checkIn.checkIn(orderID: order.id, input: .init(flightId: Self.flight)).boardingPasses.first?.barcode)
            // Checked in, then moved to the evening flight: the morning pass no longer boards anyone.
            let offers = try await later.voluntaryChanges.offers(.init(orderId: order.id, slices: .init(remove: [.init(flightId: Self.flight)],
                                                                                                          add: [.init(departureDate: "2026-12-02")])))
            let offer = try #require(offers.orderChangeOffers.first)
            _ = try await later.voluntaryChanges.confirm(.init(selectedOrderChangeOffer: offer.id, payment: SeatsAndBagsTests.card()),
                                                         idempotencyKey: nil, requestHash: "c", actor: "passenger")
            #expect(await Self.code { _ = try await later.checkIn.scan(.init(barcode: barcode, flightId: Self.flight), operator: "gate") }
                    == "boarding_pass_superseded")
            let changed = try #require(try await later.repository.find(id: order.id))
            #expect(changed.coupons.map(\.status) == [.open])
        }
    }
}
