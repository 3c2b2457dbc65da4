import Prediction
import SkyportDomain
import SkyportTestSupport
import Testing

/// No cancellation-risk feature may use information from after the prediction's cut-off: for every feature, at both
/// lead times the model is trained at, the future is rewritten (weather observed later, departures that had not left
/// by then leaving at other times or never) and the feature must not move. The delay model's features, which this
/// model reads first, are checked the same way by `DelayFeatureLeakageTests`; they are checked here again as this
/// builder computes them.
@Suite struct CancellationFeatureLeakageTests {
    static let names = CancellationFeatureSchema.names

    /// Ten days of a repeating schedule (so that the seven-day windows and the same flight's history are filled); the
    /// flights checked are those of the ninth day.
    static func scenario() -> DelayFeatureLeakageTests.Scenario {
        var airport = SyntheticAirport(seed: 7)
        let departures = airport.departures(days: 10, dailyNumbers: true)
        return .init(flights: departures.map(\.0), records: departures.map(\.1), weather: airport.weather(days: 10))
    }

    static func checked(_ scenario: DelayFeatureLeakageTests.Scenario) -> [ScheduledDeparture] {
        scenario.flights.filter { $0.scheduledAt > SyntheticAirport.dayStart + 8 * 86_400 && $0.scheduledAt < SyntheticAirport.dayStart + 9 * 86_400 }
    }

    /// Every feature at once for each flight and rewrite (one rewritten timeline serves all 58 features). The
    /// timelines are built on NIO's pool so that this suite does not hold the cooperative threads other suites wait
    /// on; the expectations are checked back on the test's task.
    @Test func noFeatureMovesWhenTheFutureChanges() async throws {
        let (checked, moves) = try await offTheCooperativePool(Self.rewriteEveryFlightsFuture)
        #expect(checked > 40)
        #expect(moves.isEmpty, "changed when the future changed: \(moves.prefix(5))")
    }

    @Sendable static func rewriteEveryFlightsFuture() -> (checked: Int, moves: [String]) {
        let scenario = Self.scenario()
        let original = OriginTimeline(airport: "JFK", departures: scenario.records, weather: scenario.weather)
        let builder = CancellationFeatureBuilder()
        let flights = Self.checked(scenario)
        var checked = 0, moves: [String] = []
        guard flights.count > 40 else { return (0, ["only \(flights.count) flights on the ninth day"]) }
        for lead: Int64 in [6 * 3600, 2 * 3600] {
            for (position, flight) in flights.enumerated() where position % 4 == 0 {
                let cutoff = flight.scheduledAt - lead
                let before = builder.features(for: flight, cutoff: cutoff, timeline: original)
                for seed in 1...2 {
                    let rewritten = DelayFeatureLeakageTests.rewritingTheFuture(of: scenario, after: cutoff, seed: UInt64(seed * 7919 + position))
                    let after = builder.features(for: flight, cutoff: cutoff, timeline: rewritten)
                    let moved = Self.names.indices.filter { !DelayFeatureLeakageTests.same(before[$0], after[$0]) }.map { Self.names[$0] }
                    if !moved.isEmpty { moves.append("\(moved) of flight \(flight.reference), \(lead / 3600) h ahead") }
                    checked += 1
                }
            }
        }
        return (checked, moves)
    }

    /// The check above can fail: with the cut-off moved past the rewritten departures, the cancellation features that
    /// count departures which have not left do move.
    @Test func rewritingTheFutureReachesTheCancellationFeaturesOnceTheyMaySeeIt() async throws {
        let moved = try await offTheCooperativePool(Self.featuresMovedPastTheCutoff)
        #expect(moved.isSuperset(of: [.overdueToday, .overdueShareToday, .carrierOverdueToday]), "\(moved)")
    }

    @Sendable static func featuresMovedPastTheCutoff() -> Set<CancellationFeature> {
        let scenario = Self.scenario()
        let original = OriginTimeline(airport: "JFK", departures: scenario.records, weather: scenario.weather)
        let builder = CancellationFeatureBuilder()
        var moved = Set<CancellationFeature>()
        for flight in Self.checked(scenario) {
            let rewritten = DelayFeatureLeakageTests.rewritingTheFuture(of: scenario, after: flight.scheduledAt - 6 * 3600, seed: 11)
            let lateCutoff = flight.scheduledAt + 3 * 3600
            let before = builder.features(for: flight, cutoff: lateCutoff, timeline: original)
            let after = builder.features(for: flight, cutoff: lateCutoff, timeline: rewritten)
            for feature in CancellationFeature.allCases where !DelayFeatureLeakageTests.same(before[feature.index], after[feature.index]) {
                moved.insert(feature)
            }
        }
        return moved
    }

    @Test func theVectorIsTheDelayFeaturesThenTheWavesAndSaysItsLeadTime() {
        let scenario = Self.scenario()
        let timeline = OriginTimeline(airport: "JFK", departures: scenario.records, weather: scenario.weather)
        let flight = Self.checked(scenario)[100]
        let cutoff = flight.scheduledAt - 6 * 3600
        let features = CancellationFeatureBuilder().features(for: flight, cutoff: cutoff, timeline: timeline)
        let delay = DelayFeatureBuilder().features(for: flight, cutoff: cutoff, timeline: timeline)
        #expect(features.count == CancellationFeatureSchema.current.features.count)
        #expect(zip(features, delay).allSatisfy { DelayFeatureLeakageTests.same($0, $1) })
        #expect(features[CancellationFeature.leadHours.index] == 6)
        #expect(CancellationFeatureSchema.names[CancellationFeature.overdueToday.index] == "overdue_today")
        // A week of a repeating schedule behind it: the seven-day waves are measured, not missing.
        for feature in [CancellationFeature.originCancelledShare7d, .carrierCancelledShare7d, .flightCancelled7d, .overdueToday] {
            #expect(!features[feature.index].isNaN, "\(feature.rawValue)")
        }
    }
}

/// The 2013 record names an aircraft only for departures that flew (2,512 cancelled ones have none), so whether the
/// tail is known is itself the outcome. With the default exclusions the model reads nothing that depends on it.
@Suite struct CancellationTailLeakageTests {
    @Test func withTheDefaultExclusionsAFlightReadsTheSameWithOrWithoutItsAircraft() {
        let scenario = CancellationFeatureLeakageTests.scenario()
        let timeline = OriginTimeline(airport: "JFK", departures: scenario.records, weather: scenario.weather)
        let kept = CancellationRiskTrainer.columns(excluding: CancellationRiskConfiguration().excludedFeatures)
        let builder = CancellationFeatureBuilder()
        var differedBeforeExclusion = false
        for flight in CancellationFeatureLeakageTests.checked(scenario) {
            let anonymous = ScheduledDeparture(
                reference: flight.reference, carrier: flight.carrier, flightNumber: flight.flightNumber, origin: flight.origin,
                destination: flight.destination, scheduledAt: flight.scheduledAt, localDate: flight.localDate, localMinuteOfDay: flight.localMinuteOfDay,
                distanceMiles: flight.distanceMiles, tailNumber: nil, aircraftSeats: nil, aircraftYearBuilt: nil)
            let cutoff = flight.scheduledAt - 6 * 3600
            let known = builder.features(for: flight, cutoff: cutoff, timeline: timeline)
            let unknown = builder.features(for: anonymous, cutoff: cutoff, timeline: timeline)
            differedBeforeExclusion = differedBeforeExclusion || !zip(known, unknown).allSatisfy(DelayFeatureLeakageTests.same)
            for column in kept {
                #expect(DelayFeatureLeakageTests.same(known[column], unknown[column]),
                        "\(CancellationFeatureSchema.names[column]) says whether the aircraft of \(flight.reference) is known")
            }
        }
        #expect(differedBeforeExclusion, "the tail features do depend on the aircraft, so the check above can fail")
    }
}
