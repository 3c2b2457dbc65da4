import Foundation
import Prediction
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

/// The cancellation-risk model trains on a time split of the synthetic 2013 (where deep storms cancel departures),
/// at both lead times, and is measured beside its baselines on the held-out period.
@Suite struct CancellationRiskTrainerTests {
    static func quickConfiguration() -> CancellationRiskConfiguration { WeatherCancellationModel.configuration }

    @Test func trainsAtBothLeadTimesAndBeatsThePriorAndTheSchedule() async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await SyntheticHistory.seed(database, days: 120)
            let lines = ProgressRecorder()
            let result = try await CancellationRiskTrainer(source: HistoricalDepartureSource(database: database))
                .train(Self.quickConfiguration()) { lines.append($0) }
            let evaluation = result.evaluation
            #expect(evaluation.leadTimes.map(\.leadTimeMinutes) == [360, 120])
            for at in evaluation.leadTimes {
                #expect(at.model.positiveRate > 0, "the test period has cancellations")
                #expect(at.model.auc > 0.8, "\(at.leadTimeMinutes) min: AUC \(at.model.auc)")
                #expect(at.model.auc > at.scheduleOnly.auc)
                #expect(at.priorRate.auc == 0.5)
                #expect(at.model.brier < at.priorRate.brier)
                #expect(at.model.calibration.count == 10)
            }
            // Each departure gives a row at each lead time.
            #expect(evaluation.leadTimes[0].model.count == evaluation.leadTimes[1].model.count)
            #expect(result.rows.test == 2 * evaluation.leadTimes[0].model.count)
            #expect(result.draft.modelName == "cancellation-risk" && result.draft.featureSchema == CancellationFeatureSchema.current)
            #expect(result.draft.leadTimeMinutes == 360 && result.draft.files.keys.sorted() == ["probability"])
            #expect(result.draft.profile.columns.count == CancellationFeatureSchema.names.count)
            // Excluded features never reach a tree.
            #expect(evaluation.importance.first { $0.feature == "day_of_year" }?.meanAbsoluteContribution == 0)
            #expect(lines.all.contains { $0.hasPrefix("[cancelled] round 1:") } && lines.all.contains { $0.contains("best round") })
        }
    }

    @Test func aConfigurationThatCannotTrainIsRefusedWithItsReasons() async throws {
        var configuration = Self.quickConfiguration()
        configuration.leadTimesMinutes = []
        configuration.test = .init(from: "2013-03-20", to: "2013-04-30")
        configuration.excludedFeatures = ["no_such_feature"]
        #expect(Set(configuration.problems().map(\.code)) == [.overlappingPeriods, .unknownFeature, .invalidLeadTime])
        let refused = configuration
        _ = try await TestDatabases.with(.sqlite) { database in
            await #expect(throws: ValidationFailure.self) {
                try await CancellationRiskTrainer(source: HistoricalDepartureSource(database: database)).train(refused)
            }
        }
    }
}
