import ArgumentParser
import Booking
import Foundation
import Logging
import RevenueManagement
import SkyportApp
import SkyportDomain

/// `skyport simulate`: simulated passengers buying through the booking engine, and the revenue study of inventory
/// policies. Both are simulations, seeded and reproducible.
struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulations: bookings through the real engine, and revenue management against simpler rules.",
        subcommands: [Bookings.self, Revenue.self])

    struct Bookings: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Simulated passengers buy the busiest markets' economy seats through the booking engine, then revenue management sets limits.",
            discussion: """
                Departed flights of the past days get their whole booking history (made before they left); flights ahead get the bookings \
                made up to now. Past days are put on the schedule first. Run it once on a database: a second run adds more passengers.
                """)
        @OptionGroup var common: CommonOptions
        @Option(help: "Seed of the simulation.") var seed: UInt64 = 2013
        @Option(help: "How many of the busiest markets get passengers.") var markets = 3
        @Option(name: .customLong("past-days"), help: "Days of departed flights to simulate (their history teaches revenue management).") var pastDays = 21
        @Option(name: .customLong("future-days"), help: "Days of flights ahead to simulate bookings for, up to now.") var futureDays = 28
        @Option(help: "Expected passengers over seats (an assumption of the simulation).") var demand = 0.85
        @Option(name: .customLong("max-daily"), help: "Only markets with at most this many departures a day.") var maxDaily = 6
        @Flag(name: .customLong("if-empty"), help: "Do nothing when the database already has orders (what make run uses).") var ifEmpty = false

        func run() async throws {
            guard (1...50).contains(markets), (0...91).contains(pastDays), (0...120).contains(futureDays), (0.1...3).contains(demand), maxDaily >= 1 else {
                throw ValidationError("--markets 1…50, --past-days 0…91, --future-days 0…120, --demand 0.1…3, --max-daily 1 or more")
            }
            try await withRuntime(common) { runtime in
                if ifEmpty, try await runtime.services.inventory.hasBookings() {
                    print("the database has orders already: no simulation")
                    return
                }
                let now = runtime.now()
                let today = WallClock(timeZoneIdentifier: "America/New_York")!.localDate(of: Date(timeIntervalSince1970: TimeInterval(now)))
                if pastDays > 0 {
                    let importer = NetworkImporter(database: runtime.database, dataDirectory: runtime.configuration.dataDirectory, record: nil, logger: runtime.logger)
                    let planned = try await importer.schedule(from: today.adding(days: -pastDays), days: pastDays)
                    print("scheduled \(planned) departures of the past \(pastDays) days")
                }
                let first = Int64(today.adding(days: -pastDays).daysSinceEpoch) * 86_400
                let last = Int64(today.adding(days: futureDays).daysSinceEpoch) * 86_400
                let simulator = BookingSimulator(database: runtime.database, secret: try runtime.configuration.resolvedSecretKey(),
                                                 accountingCode: runtime.configuration.accountingCode, logger: runtime.logger)
                let started = Date()
                let summary = try await simulator.run(.init(seed: seed, markets: markets, firstDeparture: first, lastDeparture: last, until: now,
                                                            demandFactor: demand, maximumDailyDepartures: maxDaily)) { print($0) }
                let seconds = Date().timeIntervalSince(started)
                print("\(summary.orders) orders (\(summary.turnedAway) requests turned away) on \(summary.flights) flights of "
                      + "\(summary.markets.joined(separator: " ")), \(summary.revenue.decimalString) \(summary.revenue.currency.code)"
                      + String(format: " in %.1f s (%.0f orders/s)", seconds, Double(summary.orders) / max(seconds, 1e-9)))
                let optimizer = runtime.revenueOptimizer
                let pass = try await optimizer.optimize(with: try await optimizer.learn())
                print("revenue management: \(pass.optimized) cabins of \(pass.markets) markets given booking limits; other markets keep the load-factor rule")
            }
        }
    }

    struct Revenue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revenue and load factor of the load-factor rule, first come first served, EMSR-b and perfect hindsight on the same simulated demand.")
        @Option(help: "Seed of the simulation.") var seed: UInt64 = 2013
        @Option(help: "Economy seats.") var capacity = 150
        @Option(help: "Great-circle miles (sets the fares).") var miles = 2_475
        @Option(help: "Departures measured per demand level.") var departures = 364
        @Option(help: "Departed flights the pickup forecasts learn from.") var history = 84
        @Option(help: "additive or multiplicative pickup.") var pickup = "additive"

        func run() async throws {
            guard let method = PickupForecaster.Method(rawValue: pickup) else { throw ValidationError("--pickup is additive or multiplicative") }
            let pricing = FarePricing(currency: .usd)
            let fares = FareLadder.economy.map { Double(pricing.adultBase(bookingClass: $0, distanceMiles: miles).minorUnits) / 100 }
            let study = RevenueStudy(seed: seed, capacity: capacity, fares: fares, closingPercents: FareLadder.economy.map(\.closesAtLoadPercent),
                                     historyDepartures: history, departures: departures, pickup: method)
            print("| demand | policy | revenue, USD | load factor | vs load-factor rule |")
            print("|---:|---|---:|---:|---:|")
            for row in study.run() {
                print(String(format: "| %.0f %% | ", row.demandFactor * 100) + row.policy
                      + String(format: " | %.0f | %.1f %% | %+.2f %% |", row.revenue, row.loadFactor * 100, row.gainOverRule * 100))
            }
        }
    }
}
