import SkyportDomain
import Testing
@testable import RevenueManagement

@Suite struct BookingSimulationTests {
    static let fares = [100.0, 125, 160, 200, 260, 340].map { $0 * 2.37 }
    static let closing = [45, 60, 75, 88, 96, 100]

    static func requests(seed: UInt64, factor: Double = 1.0) -> [BookingRequest] {
        var random = SeededRandom(seed: seed)
        return DemandModel.economy(demandFactor: factor).requests(capacity: 150, weekday: 5, using: &random)
    }

    @Test func theSameSeedGivesTheSameSimulation() {
        #expect(Self.requests(seed: 42) == Self.requests(seed: 42))
        #expect(Self.requests(seed: 42) != Self.requests(seed: 43))
        let study = RevenueStudy(seed: 9, capacity: 120, fares: Self.fares, closingPercents: Self.closing, historyDepartures: 21, departures: 14, demandFactors: [1.0])
        #expect(study.run() == study.run())
    }

    /// Low fares arrive early and high fares late; demand at factor 1 is about the cabin's size.
    @Test func demandFollowsItsBookingCurves() {
        var early = 0.0, late = 0.0, count = 0
        for seed in 0..<40 {
            let requests = Self.requests(seed: UInt64(seed))
            count += requests.count
            early += requests.filter { $0.lowestClass == 0 }.map(\.daysBeforeDeparture).reduce(0, +) / Double(max(1, requests.filter { $0.lowestClass == 0 }.count))
            late += requests.filter { $0.lowestClass == 5 }.map(\.daysBeforeDeparture).reduce(0, +) / Double(max(1, requests.filter { $0.lowestClass == 5 }.count))
        }
        #expect(early / 40 > 3 * late / 40)
        // Friday's factor is 1.15 of 150 seats.
        #expect(abs(Double(count) / 40 - 172.5) < 12)
        #expect(Self.requests(seed: 1).allSatisfy { $0.lowestClass <= $0.highestClass && (0...90).contains($0.daysBeforeDeparture) })
    }

    /// No policy sells more seats than the cabin has, sells a class a request would not pay, or beats hindsight.
    @Test func policiesNeverOversellAndNeverBeatHindsight() {
        let history = (0..<30).map { seed in
            BookingSimulation.sell(Self.requests(seed: UInt64(seed)), capacity: 150, fares: Self.fares, weekday: 5,
                                   policy: .loadFactorRule(closingPercents: Self.closing)).history
        }
        let policies: [InventoryPolicy] = [.loadFactorRule(closingPercents: Self.closing), .firstComeFirstServed,
                                           .emsrb(PickupForecaster(method: .additive, histories: history, classCount: 6))]
        for seed in 100..<130 {
            let requests = Self.requests(seed: UInt64(seed), factor: 1.3)
            let bound = BookingSimulation.hindsight(requests, capacity: 150, fares: Self.fares)
            for policy in policies {
                let outcome = BookingSimulation.sell(requests, capacity: 150, fares: Self.fares, weekday: 5, policy: policy)
                #expect(outcome.inventory.sold <= 150)
                #expect(outcome.inventory.revenue <= bound.revenue + 1e-6)
                #expect(outcome.inventory.sold + outcome.turnedAway == requests.count)
            }
        }
    }

    /// The load-factor rule closes V at 45 % of the cabin whatever the demand: with only V passengers, 45 of 100 sell.
    @Test func theLoadFactorRuleClosesEachClassAtItsPercentage() {
        let requests = (0..<200).map { BookingRequest(daysBeforeDeparture: 60 - Double($0) * 0.2, lowestClass: 0, highestClass: 0) }
        let outcome = BookingSimulation.sell(requests, capacity: 100, fares: Self.fares, weekday: 1, policy: .loadFactorRule(closingPercents: Self.closing))
        #expect(outcome.inventory.soldByClass == [45, 0, 0, 0, 0, 0])
        let fcfs = BookingSimulation.sell(requests, capacity: 100, fares: Self.fares, weekday: 1, policy: .firstComeFirstServed)
        #expect(fcfs.inventory.soldByClass == [100, 0, 0, 0, 0, 0])
        // Readings are cumulative, taken as time passes: nothing 90 days out, everything at departure.
        #expect(outcome.history.bookings.first == [0, 0, 0, 0, 0, 0] && outcome.history.bookings.last == [45, 0, 0, 0, 0, 0])
    }

    /// Against the same demand, EMSR-b with pickup forecasts earns more than both simpler rules at demand equal to capacity.
    @Test func emsrbEarnsMoreThanTheSimpleRules() {
        let study = RevenueStudy(seed: 5, capacity: 150, fares: Self.fares, closingPercents: Self.closing, historyDepartures: 56, departures: 84, demandFactors: [1.0])
        let results = study.run()
        let byName = Dictionary(uniqueKeysWithValues: results.map { ($0.policy, $0) })
        let emsrb = results[2], rule = results[0], fcfs = results[1], bound = results[3]
        #expect(emsrb.policy.hasPrefix("EMSR-b") && byName.count == 4)
        #expect(emsrb.revenue > rule.revenue && emsrb.revenue > fcfs.revenue && bound.revenue > emsrb.revenue)
    }
}
