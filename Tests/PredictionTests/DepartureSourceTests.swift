import Foundation
import Prediction
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

@Suite struct DepartureSourceTests {
    /// Serving reads settled days from memory; the features must be exactly those read from the database.
    @Test func cachedDaysGiveTheSameFeaturesAsTheDatabase() async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await SyntheticHistory.seed(database, days: 20)
            let history = HistoricalDepartureSource(database: database)
            // "Now" is a day after the last seeded day: the days before it are settled, the last two are not.
            let now = Int64(SyntheticHistory.firstDay.adding(days: 21).daysSinceEpoch) * 86_400
            let cached = CachingDepartureSource(history, now: { now })
            let start = Int64(SyntheticHistory.firstDay.adding(days: 12).daysSinceEpoch) * 86_400
            let departures = try await history.departures(scheduledFrom: start, to: start + 7 * 86_400)
            let sample = stride(from: 0, to: departures.count, by: 37).map { departures[$0] }
            #expect(sample.count > 10)
            for _ in 0..<2 {  // the second pass is served from memory
                for departure in sample {
                    let direct = try await DelayDatasetBuilder(source: history).build([departure], leadTimeMinutes: 120)
                    let fromCache = try await DelayDatasetBuilder(source: cached).build([departure], leadTimeMinutes: 120, withOutcomes: false)
                    #expect(zip(direct.values, fromCache.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }, "flight \(departure.reference)")
                }
            }
        }
    }

    @Test func historicalDeparturesCarryTheirScheduleAndOutcome() async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await SyntheticHistory.seed(database, days: 2, flightsPerDay: 4)
            let history = HistoricalDepartureSource(database: database)
            let first = try #require(try await history.departure(reference: "1"))
            #expect(first.origin == "JFK" && first.localDate == SyntheticHistory.firstDay)
            // 2013-01-01 05:00 UTC is local midnight in New York.
            #expect(first.scheduledAt == Int64(SyntheticHistory.firstDay.daysSinceEpoch) * 86_400 + 5 * 3600 + Int64(first.localMinuteOfDay) * 60)
            #expect(try await history.departure(reference: "nope") == nil)
            #expect(try await history.departure(reference: "999999") == nil)
            let outcomes = try await history.outcomes(of: ["1", "2", "999999"])
            #expect(outcomes.keys.contains("1") && !outcomes.keys.contains("999999"))
        }
    }
}
