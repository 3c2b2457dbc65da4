import Foundation
import SkyportDomain

/// Revenue and load factor of each way of controlling inventory on the same simulated demand, at several demand
/// levels: a simulation (documented in docs/revenue.md), with common random numbers so that every policy sees the
/// very same requests.
public struct RevenueStudy: Sendable {
    public var seed: UInt64
    public var capacity: Int
    /// Fares of the classes, cheapest first.
    public var fares: [Double]
    /// The load-factor rule's closing percentages, cheapest class first.
    public var closingPercents: [Int]
    /// Departed flights (one a day) the pickup forecaster learns from, sold under the load-factor rule as the airline
    /// sells today.
    public var historyDepartures: Int
    /// Departures measured, after the history.
    public var departures: Int
    public var demandFactors: [Double]
    public var pickup: PickupForecaster.Method

    public init(seed: UInt64 = 2013, capacity: Int, fares: [Double], closingPercents: [Int], historyDepartures: Int = 84,
                departures: Int = 364, demandFactors: [Double] = [0.8, 1.0, 1.2], pickup: PickupForecaster.Method = .additive) {
        self.seed = seed
        self.capacity = capacity
        self.fares = fares
        self.closingPercents = closingPercents
        self.historyDepartures = historyDepartures
        self.departures = departures
        self.demandFactors = demandFactors
        self.pickup = pickup
    }

    /// One policy's totals at one demand level.
    public struct Result: Sendable, Equatable, Codable {
        public let policy: String
        public let demandFactor: Double
        public let revenue: Double
        public let loadFactor: Double
        /// Revenue over the load-factor rule's at the same demand, minus one.
        public let gainOverRule: Double
    }

    public func run() -> [Result] {
        var results: [Result] = []
        for (level, factor) in demandFactors.enumerated() {
            let model = DemandModel.economy(demandFactor: factor)
            var random = SeededRandom(seed: seed &+ UInt64(level) &* 1_000_003)
            func departure(_ day: Int) -> (weekday: Int, requests: [BookingRequest]) {
                let weekday = day % 7 + 1
                return (weekday, model.requests(capacity: capacity, weekday: weekday, using: &random))
            }
            let rule = InventoryPolicy.loadFactorRule(closingPercents: closingPercents)
            let history = (0..<historyDepartures).map { day -> BookingHistory in
                let (weekday, requests) = departure(day)
                return BookingSimulation.sell(requests, capacity: capacity, fares: fares, weekday: weekday, policy: rule).history
            }
            let policies: [InventoryPolicy] = [
                rule, .firstComeFirstServed,
                .emsrb(PickupForecaster(method: pickup, histories: history, classCount: fares.count)),
            ]
            var revenue = [Double](repeating: 0, count: policies.count + 1), sold = [Int](repeating: 0, count: policies.count + 1)
            for day in historyDepartures..<(historyDepartures + departures) {
                let (weekday, requests) = departure(day)
                for (index, policy) in policies.enumerated() {
                    let outcome = BookingSimulation.sell(requests, capacity: capacity, fares: fares, weekday: weekday, policy: policy)
                    revenue[index] += outcome.inventory.revenue
                    sold[index] += outcome.inventory.sold
                }
                let best = BookingSimulation.hindsight(requests, capacity: capacity, fares: fares)
                revenue[policies.count] += best.revenue
                sold[policies.count] += best.sold
            }
            let names = policies.map(\.name) + ["perfect hindsight (upper bound)"]
            for index in names.indices {
                results.append(Result(policy: names[index], demandFactor: factor, revenue: revenue[index],
                                      loadFactor: Double(sold[index]) / Double(capacity * departures),
                                      gainOverRule: revenue[index] / revenue[0] - 1))
            }
        }
        return results
    }
}
