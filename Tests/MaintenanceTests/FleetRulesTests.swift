import Maintenance
import Testing

/// The demonstration mapping and the calendar of remaining cycles, as pure rules.
@Suite struct FleetRulesTests {
    @Test func twoEnginesToAnAircraftOnTheBusiestFirstWhateverTheOrderGiven() throws {
        let mapping = try #require(DemonstrationFleet.mapping(units: [3, 1, 2], rankedTails: ["N1", "N2"]))
        #expect(mapping.map(\.unit) == [1, 2, 3] && mapping.map(\.tail) == ["N1", "N1", "N2"] && mapping.map(\.position) == [1, 2, 1])
        #expect(DemonstrationFleet.mapping(units: Array(1...5), rankedTails: ["N1", "N2"]) == nil, "five engines need three aircraft")
        #expect(DemonstrationFleet.engineID(unit: 31) == "FD001-31")
    }

    @Test func remainingCyclesFallOnTheAircraftsNthFlightThenItsAverageRate() {
        let day: Int64 = 86_400, now: Int64 = 1_000_000
        // Two flights a day for five days.
        let departures = (0..<10).map { now + Int64($0) * day / 2 + 3600 }
        #expect(DueDate.reaching(1, departures: departures, now: now) == DueDate(at: departures[0], basis: .schedule))
        #expect(DueDate.reaching(3.2, departures: departures, now: now) == DueDate(at: departures[3], basis: .schedule), "a part cycle is a whole flight")
        #expect(DueDate.reaching(10, departures: departures, now: now).basis == .schedule)
        // Four more flights at two a day (ten over about 4.5 days): about two days after the last.
        let beyond = DueDate.reaching(14, departures: departures, now: now)
        #expect(beyond.basis == .extrapolated)
        let days = Double((beyond.at ?? 0) - departures[9]) / Double(day)
        #expect(days > 1.7 && days < 2.0, "\(days)")
        #expect(DueDate.reaching(0, departures: departures, now: now).at == departures[0], "an engine at its end is due at the next flight")
        #expect(DueDate.reaching(5, departures: [], now: now) == DueDate(at: nil, basis: .unscheduled))
    }
}
