import Prediction
import SkyportDomain
import Testing

/// No feature may use information from after the prediction's cut-off. For every feature, the future is
/// rewritten (weather observed later, departures that had not left by then) and the feature must not move.
@Suite struct DelayFeatureLeakageTests {
    static let leadTime: Int64 = Int64(DelayFeatureBuilder.defaultLeadTimeMinutes) * 60

    struct Scenario {
        let flights: [ScheduledDeparture]
        let records: [DepartureRecord]
        let weather: [WeatherReading]
    }

    static func scenario() -> Scenario {
        var airport = SyntheticAirport(seed: 42)
        let departures = airport.departures()
        return Scenario(flights: departures.map(\.0), records: departures.map(\.1), weather: airport.weather())
    }

    /// The same timeline with everything unknown at `cutoff` replaced by something else.
    static func rewritingTheFuture(of scenario: Scenario, after cutoff: Int64, seed: UInt64) -> OriginTimeline {
        var random = SyntheticAirport(seed: seed)
        let records = scenario.records.map { record -> DepartureRecord in
            guard (record.departedAt ?? .max) > cutoff else { return record }
            // Not gone by the cut-off: it may leave at any later time, or never.
            let departedAt: Int64? = random.next(0...4) == 0 ? nil : max(cutoff + 60, record.scheduledAt + Int64(random.next(-5...240)) * 60)
            return DepartureRecord(carrier: record.carrier, flightNumber: record.flightNumber, destination: record.destination, tailNumber: record.tailNumber,
                                   scheduledAt: record.scheduledAt, departedAt: departedAt)
        }
        let weather = scenario.weather.map { $0.observedAt > cutoff ? random.reading(at: $0.observedAt) : $0 }
        return OriginTimeline(airport: "JFK", departures: records, weather: weather)
    }

    static func same(_ a: Float, _ b: Float) -> Bool { a == b || (a.isNaN && b.isNaN) }

    @Test(arguments: DelayFeature.allCases)
    func featureIgnoresEverythingAfterTheCutoff(_ feature: DelayFeature) {
        let scenario = Self.scenario()
        let original = OriginTimeline(airport: "JFK", departures: scenario.records, weather: scenario.weather)
        let builder = DelayFeatureBuilder()
        // Flights across the second day, so that every window has history behind it.
        let flights = scenario.flights.filter { $0.scheduledAt > SyntheticAirport.dayStart + 86_400 + 4 * 3600 }
        #expect(flights.count > 50)
        for (position, flight) in flights.enumerated() where position % 3 == 0 {
            let cutoff = flight.scheduledAt - Self.leadTime
            let before = builder.features(for: flight, cutoff: cutoff, timeline: original)[feature.index]
            for seed in 1...3 {
                let rewritten = Self.rewritingTheFuture(of: scenario, after: cutoff, seed: UInt64(seed * 1000 + position))
                let after = builder.features(for: flight, cutoff: cutoff, timeline: rewritten)[feature.index]
                #expect(Self.same(before, after), "\(feature.rawValue) of flight \(flight.reference) changed from \(before) to \(after) when the future changed")
            }
        }
    }

    /// The check above can fail: when the cut-off is moved past the rewritten data, weather and operations
    /// features do change. (A builder that ignored its cut-off would fail the test above in the same way.)
    @Test func rewritingTheFutureReachesFeaturesOnceTheyMaySeeIt() {
        let scenario = Self.scenario()
        let original = OriginTimeline(airport: "JFK", departures: scenario.records, weather: scenario.weather)
        let builder = DelayFeatureBuilder()
        var moved = Set<DelayFeature>()
        for flight in scenario.flights.filter({ $0.scheduledAt > SyntheticAirport.dayStart + 86_400 + 4 * 3600 }) {
            let rewrittenFrom = flight.scheduledAt - Self.leadTime
            let rewritten = Self.rewritingTheFuture(of: scenario, after: rewrittenFrom, seed: 9)
            let lateCutoff = flight.scheduledAt + 3 * 3600
            let before = builder.features(for: flight, cutoff: lateCutoff, timeline: original)
            let after = builder.features(for: flight, cutoff: lateCutoff, timeline: rewritten)
            for feature in DelayFeature.allCases where !Self.same(before[feature.index], after[feature.index]) { moved.insert(feature) }
        }
        #expect(moved.filter { $0.family == .weather }.count >= 10)
        #expect(moved.filter { $0.family == .operations }.count >= 8)
        #expect(moved.filter { $0.family == .schedule }.isEmpty)
    }

    @Test func scheduleFeaturesDescribeTheFlight() {
        let scenario = Self.scenario()
        let timeline = OriginTimeline(airport: "JFK", departures: scenario.records, weather: scenario.weather)
        let flight = scenario.flights[40]
        let features = DelayFeatureBuilder().features(for: flight, cutoff: flight.scheduledAt - Self.leadTime, timeline: timeline)
        #expect(features[DelayFeature.hourLocal.index] == Float(flight.localMinuteOfDay) / 60)
        #expect(features[DelayFeature.weekday.index] == 1)  // 2013-03-04 was a Monday
        #expect(features[DelayFeature.month.index] == 3)
        #expect(features[DelayFeature.dayOfYear.index] == 63)
        #expect(features[DelayFeature.aircraftAgeYears.index] == 9)
        #expect(features[DelayFeature.origin.index] == Float(CodeEncoding.value(of: "JFK")!))
        #expect(features.count == DelayFeatureSchema.current.features.count)
    }

    @Test func withoutADeparturesFeedTheFeaturesDrawnFromDeparturesAreMissing() {
        let scenario = Self.scenario()
        let timeline = OriginTimeline(airport: "JFK", departures: scenario.records.map {
            DepartureRecord(carrier: $0.carrier, flightNumber: $0.flightNumber, destination: $0.destination, tailNumber: $0.tailNumber,
                            scheduledAt: $0.scheduledAt, departedAt: nil)
        }, weather: scenario.weather, recordsDepartures: false)
        let flight = scenario.flights[scenario.flights.count - 20]
        let features = DelayFeatureBuilder().features(for: flight, cutoff: flight.scheduledAt - Self.leadTime, timeline: timeline)
        for feature in DelayFeature.allCases {
            switch feature.family {
            case .operations, .recentHistory: #expect(features[feature.index].isNaN, "\(feature.rawValue)")
            case .schedule, .weather: #expect(!features[feature.index].isNaN, "\(feature.rawValue)")
            }
        }
    }

    @Test func operationsFeaturesCountWhatHadHappenedByTheCutoff() {
        let cutoff: Int64 = 100_000
        func record(_ scheduled: Int64, _ departed: Int64?, carrier: String = "B6") -> DepartureRecord {
            DepartureRecord(carrier: carrier, flightNumber: Int(scheduled % 1000), destination: "LAX", tailNumber: nil, scheduledAt: scheduled, departedAt: departed)
        }
        let timeline = OriginTimeline(airport: "JFK", departures: [
            record(cutoff - 5000, cutoff - 4400),          // left 4400 s ago, 10 min late
            record(cutoff - 3000, cutoff - 1200),          // left 20 min ago, 30 min late
            record(cutoff - 2400, nil),                    // due 40 min ago, gone nowhere: waiting
            record(cutoff - 600, cutoff + 600),            // due 10 min ago, leaves later: waiting at the cut-off
            record(cutoff + 600, cutoff + 700),            // not yet due
        ], weather: [])
        let flight = ScheduledDeparture(reference: "1", carrier: "B6", flightNumber: 1, origin: "JFK", destination: "LAX",
                                        scheduledAt: cutoff + 7200, localDate: LocalDate(year: 2013, month: 1, day: 2)!,
                                        localMinuteOfDay: 600, distanceMiles: 2475, tailNumber: nil, aircraftSeats: nil, aircraftYearBuilt: nil)
        let features = DelayFeatureBuilder().features(for: flight, cutoff: cutoff, timeline: timeline)
        #expect(features[DelayFeature.departedLast2h.index] == 2)
        #expect(features[DelayFeature.waitingDepartures.index] == 2)
        #expect(features[DelayFeature.longestWaitMinutes.index] == 40)
        #expect(abs(features[DelayFeature.meanDelayDepartedLast2h.index] - Float(20)) < 0.001)
        #expect(features[DelayFeature.delayedShareDepartedLast2h.index] == 0.5)
        #expect(features[DelayFeature.minutesSinceLastDeparture.index] == 20)
        #expect(features[DelayFeature.departuresScheduledBeforeFlight.index] == 1)
        // No weather observed: every weather feature is missing, not zero.
        #expect(DelayFeature.allCases.filter { $0.family == .weather }.allSatisfy { features[$0.index].isNaN })
    }
}

@Suite struct HolidayTests {
    @Test func federalHolidaysOf2013() {
        let dates = USHolidays.dates(in: 2013).map(\.iso)
        #expect(dates == ["2013-01-01", "2013-01-21", "2013-02-18", "2013-05-27", "2013-07-04", "2013-09-02", "2013-10-14",
                          "2013-11-11", "2013-11-28", "2013-12-25"])
    }

    @Test func distanceToTheNearestHoliday() {
        #expect(USHolidays.daysToNearest(from: LocalDate(year: 2013, month: 11, day: 25)!) == 3)
        #expect(USHolidays.daysToNearest(from: LocalDate(year: 2013, month: 12, day: 27)!) == -2)
        #expect(USHolidays.daysToNearest(from: LocalDate(year: 2013, month: 12, day: 31)!) == 1)  // next New Year
        #expect(USHolidays.daysToNearest(from: LocalDate(year: 2013, month: 4, day: 11)!) == 30)  // Memorial Day, 46 days on, capped at 30
        #expect(USHolidays.daysToNearest(from: LocalDate(year: 2013, month: 3, day: 20)!) == -30)  // Presidents' Day was 30 days before
    }

    @Test func codesEncodeStablyAndRejectNonsense() {
        #expect(CodeEncoding.value(of: "JFK") == CodeEncoding.value(of: "jfk"))
        #expect(CodeEncoding.value(of: "B6") == Double(11 * 36 + 6))
        #expect(CodeEncoding.value(of: "") == nil)
        #expect(CodeEncoding.value(of: "J-K") == nil)
    }
}
