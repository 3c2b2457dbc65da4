import Booking
import Foundation
import Logging
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing
@testable import RevenueManagement

/// The booking simulator buys through the real engine; revenue management learns from the departed flights and sets
/// nested limits on the flights ahead, which searches then follow.
@Suite struct OptimizerTests {
    /// The fixture's first week has departed by the 8th at midnight.
    static let departedBy = Int64(FixtureNetwork.travelDay.daysSinceEpoch) * 86_400

    static func simulate(_ database: any Database, seed: UInt64 = 7) async throws -> BookingSimulator.Summary {
        let simulator = BookingSimulator(database: database, secret: BookingFixture.secret, accountingCode: "999", logger: TestDatabases.logger)
        let first = Int64(FixtureNetwork.firstDay.daysSinceEpoch) * 86_400
        return try await simulator.run(.init(seed: seed, markets: 1, firstDeparture: first, lastDeparture: first + 14 * 86_400,
                                             until: departedBy, demandFactor: 0.35))
    }

    static func orders(_ database: any Database) async throws -> [String] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT o.total_amount, s.booking_class, s.flight_id, o.created_at FROM orders o JOIN order_segments s ON s.order_id = o.id
                ORDER BY o.created_at, s.flight_id, o.total_amount
                """).all().map { "\(try $0.decode(column: "flight_id", as: String.self)) \(try $0.decode(column: "booking_class", as: String.self)) \(try $0.decode(column: "total_amount", as: Int64.self)) \(try $0.decode(column: "created_at", as: Int64.self))" }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theSimulationIsReproducibleFromItsSeed(engine: SQLEngine) async throws {
        let (first, firstOrders) = try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            return (try await Self.simulate(database), try await Self.orders(database))
        }
        let (second, secondOrders) = try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            return (try await Self.simulate(database), try await Self.orders(database))
        }
        #expect(first == second && firstOrders == secondOrders)
        #expect(first.markets == ["JFK-LAX"] && first.orders > 100 && first.orders == firstOrders.count)
        // Orders carry the simulated moment they were made, never after `until`.
        #expect(firstOrders.allSatisfy { Int64($0.split(separator: " ")[3])! < Self.departedBy })
        let other = try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            return try await Self.simulate(database, seed: 8)
        }
        #expect(other != first)
    }

    @Test(arguments: TestDatabases.engines)
    func limitsFromForecastsAreNestedAndFollowedBySearch(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            _ = try await Self.simulate(database)
            let clock = BookingClock.fixed(Date(timeIntervalSince1970: TimeInterval(Self.departedBy)))
            let controls = InventoryControls(database: database, pricing: FarePricing(), clock: clock)
            var optimizer = InventoryOptimizer(controls: controls, pricing: FarePricing(), logger: TestDatabases.logger, now: { Self.departedBy })
            // An award seat is worth 17,500 miles at 1.2 cents on JFK-LAX.
            optimizer.awardValue = { _, _ in Money(minorUnits: 21_000, currency: .usd) }
            let forecasters = try await optimizer.learn()
            #expect(forecasters.markets == 1)
            let pass = try await optimizer.optimize(with: forecasters)
            #expect(pass.optimized > 0 && pass.withoutHistory > 0)
            // A second pass with nothing sold since finds nothing to do.
            let again = try await optimizer.optimize(with: forecasters, onlyChanged: true)
            #expect(again.optimized == 0 && again.unchanged == pass.optimized + pass.withoutHistory - again.withoutHistory)

            let fixture = BookingFixture(database: database, now: Date(timeIntervalSince1970: TimeInterval(Self.departedBy)))
            let offers = try await fixture.shopping.search(BookingFixture.search()).offers
            let offer = try #require(offers.first { $0.fareBrand == "basic" && $0.slices[0].segments[0].flightNumber == "UA100" })
            let flight = offer.slices[0].segments[0].flightId
            let view = try await fixture.inventory.inventory(of: flight)
            let economy = try #require(view.cabins.first { $0.cabin == "economy" })
            // Every class by the optimizer; the award class, which has no demand of its own, without a forecast.
            #expect(economy.classes.allSatisfy { $0.source == .optimizer && ($0.forecastRemaining != nil) == ($0.code != "X") })
            #expect(economy.bidPrice != nil && economy.optimizedAt != nil)
            // Nested, highest class first: limits never rise down the ladder, and the top class may sell every seat.
            let limits = economy.classes.map(\.limit)
            #expect(limits.first == economy.capacity && zip(limits, limits.dropFirst()).allSatisfy { $0 >= $1 })
            // What search offers in basic is the cheapest basic class the limits leave open.
            let open = economy.classes.reversed().first { ["V", "Q"].contains($0.code) && $0.available > 0 }?.code
            #expect(offer.slices[0].segments[0].bookingClass == open)
            // Award seats: protected against every revenue class, so never more than the cheapest class may sell.
            let award = try #require(economy.classes.first { $0.code == "X" }), cheapest = try #require(economy.classes.first { $0.code == "V" })
            #expect(award.limit <= cheapest.limit)
        }
    }
}
