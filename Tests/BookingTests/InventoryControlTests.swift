import Booking
import Foundation
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

/// Booking limits in the live inventory: searches and purchases obey them, nested; operators' overrides are audited
/// and win over the optimizer; every change to seats or limits moves the market's inventory version.
@Suite struct InventoryControlTests {
    static func flightID(_ fixture: BookingFixture, number: String = "UA100") async throws -> String {
        let offer = try await OrderTests.offer(fixture, flight: number)
        return offer.slices[0].segments[0].flightId
    }

    static func version(_ database: any Database, date: LocalDate = FixtureNetwork.travelDay) async throws -> Int64 {
        try await database.read { sql in
            try await sql.raw("""
                SELECT CAST(COALESCE(SUM(c.version), 0) AS BIGINT) AS version FROM flights f JOIN flight_cabins c ON c.flight_id = f.id
                WHERE f.origin = 'JFK' AND f.destination = 'LAX' AND f.departure_date = \(bind: date.iso)
                """).first()!.decode(column: "version", as: Int64.self)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func limitsCloseClassesInSearchAndPurchase(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let flight = try await Self.flightID(fixture)
            let early = try await OrderTests.offer(fixture)
            #expect(early.slices[0].segments[0].bookingClass == "V")

            // Revenue management closes V: the search now offers basic in Q, and the offer priced in V before is refused.
            try await fixture.inventory.apply([.init(flightID: flight, cabin: .economy, limits: ["V": 0, "Q": 120, "H": 150, "M": 160, "B": 170, "Y": 180],
                                                     bidPrice: Money(minorUnits: 30_000, currency: .usd), forecast: [:], sold: 0)])
            let later = try await OrderTests.offer(fixture)
            #expect(later.slices[0].segments[0].bookingClass == "Q")
            #expect(Decimal(string: later.totalAmount)! > Decimal(string: early.totalAmount)!)
            await #expect(throws: ServiceError.self) {
                try await fixture.orders.create(BookingFixture.order(offerID: early.id), idempotencyKey: nil, requestHash: "early")
            }
            let bought = try await fixture.orders.create(BookingFixture.order(offerID: later.id), idempotencyKey: nil, requestHash: "later")
            #expect(bought.order.slices[0].segments[0].bookingClass == "Q")

            // Nesting: a lower class never sells more than a class above it may, whatever its own limit says.
            _ = try await fixture.inventory.override(flightID: flight, cabin: .economy, classCode: "V", limit: 180, operatorName: "ana", reason: "test nesting")
            let view = try await fixture.inventory.inventory(of: flight)
            let economy = try #require(view.cabins.first { $0.cabin == "economy" })
            let limits = Dictionary(uniqueKeysWithValues: economy.classes.map { ($0.code, $0.limit) })
            #expect(limits["V"] == 120 && limits["Q"] == 120)
            #expect(economy.classes.map(\.code) == ["Y", "B", "M", "H", "Q", "V", "X"])
            // The award class sits below V: never more than V may sell.
            #expect(limits["X"] == 73)
            #expect(economy.classes.first { $0.code == "Q" }?.booked == 1)
            #expect(economy.bidPrice == "300.00")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func overridesAreAuditedAndWinOverTheOptimizer(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let flight = try await Self.flightID(fixture)
            let capacity = try #require(try await fixture.inventory.inventory(of: flight).cabins.first { $0.cabin == "economy" }?.capacity)

            let overridden = try await fixture.inventory.override(flightID: flight, cabin: .economy, classCode: "H", limit: 20, operatorName: "ana",
                                                                  reason: "group block on the 8th")
            let h = try #require(overridden.cabins.first { $0.cabin == "economy" }?.classes.first { $0.code == "H" })
            #expect(h.limit == 20 && h.source == .override)
            #expect(overridden.changes.count == 1 && overridden.changes[0].operatorName == "ana" && overridden.changes[0].reason == "group block on the 8th")
            #expect(overridden.changes[0].previousLimit == nil && overridden.changes[0].seatLimit == 20)

            // The optimizer leaves the override alone.
            try await fixture.inventory.apply([.init(flightID: flight, cabin: .economy, limits: ["H": 90, "M": 100], bidPrice: Money(minorUnits: 0, currency: .usd),
                                                     forecast: ["H": .init(mean: 4, standardDeviation: 2)], sold: 0)])
            let after = try await fixture.inventory.inventory(of: flight).cabins.first { $0.cabin == "economy" }!
            #expect(after.classes.first { $0.code == "H" }?.limit == 20)
            #expect(after.classes.first { $0.code == "M" }?.source == .optimizer)
            #expect(after.classes.first { $0.code == "H" }?.forecastRemaining == .init(mean: 4, standardDeviation: 2))

            // Given back: the optimizer's next pass or the rule.
            let removed = try await fixture.inventory.override(flightID: flight, cabin: .economy, classCode: "H", limit: nil, operatorName: "ben", reason: "block released")
            #expect(removed.cabins.first { $0.cabin == "economy" }?.classes.first { $0.code == "H" }?.source == .loadFactorRule)
            #expect(removed.changes.map(\.operatorName) == ["ben", "ana"] && removed.changes[0].previousLimit == 20)

            // Bad overrides change nothing.
            for (code, limit, reason) in [("Z", 10, "x"), ("H", -1, "x"), ("H", capacity + 1, "x"), ("H", 10, "  ")] {
                await #expect(throws: ValidationFailure.self) {
                    _ = try await fixture.inventory.override(flightID: flight, cabin: .economy, classCode: code, limit: limit, operatorName: "ana", reason: reason)
                }
            }
            await #expect(throws: ServiceError.self) {
                _ = try await fixture.inventory.override(flightID: "no-such-flight", cabin: .economy, classCode: "H", limit: 1, operatorName: "ana", reason: "x")
            }
            #expect(try await fixture.inventory.inventory(of: flight).changes.count == 2)
        }
    }

    /// Seats taken and given back, limits set by the optimizer and by operators: each moves the market's version.
    @Test(arguments: TestDatabases.engines)
    func everyInventoryChangeMovesTheMarketsVersion(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let flight = try await Self.flightID(fixture)
            var version = try await Self.version(database)
            let nextDay = try await Self.version(database, date: FixtureNetwork.travelDay.adding(days: 1))

            func expectMoved(_ what: String) async throws {
                let now = try await Self.version(database)
                #expect(now > version, "\(what) did not move the version")
                version = now
            }
            let order = try await fixture.orders.create(BookingFixture.order(offerID: try await OrderTests.offer(fixture).id), idempotencyKey: nil, requestHash: "a")
            try await expectMoved("a purchase")
            let quote = try await fixture.cancellations.quote(orderID: order.order.id)
            _ = try await fixture.cancellations.confirm(cancellationID: quote.id)
            try await expectMoved("a cancellation")
            _ = try await fixture.inventory.override(flightID: flight, cabin: .economy, classCode: "V", limit: 5, operatorName: "ana", reason: "x")
            try await expectMoved("an override")
            try await fixture.inventory.apply([.init(flightID: flight, cabin: .economy, limits: ["Q": 50], bidPrice: Money(minorUnits: 0, currency: .usd), forecast: [:], sold: 0)])
            try await expectMoved("the optimizer's limits")
            // Another date of the market is untouched.
            #expect(try await Self.version(database, date: FixtureNetwork.travelDay.adding(days: 1)) == nextDay)
        }
    }
}
