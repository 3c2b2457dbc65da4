import Foundation
import Prediction
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

/// A short split over the synthetic history: fast enough for every test run.
func quickConfiguration() -> TrainingConfiguration {
    var configuration = TrainingConfiguration()
    configuration.train = .init(from: "2013-01-01", to: "2013-02-28")
    configuration.validation = .init(from: "2013-03-01", to: "2013-03-15")
    configuration.test = .init(from: "2013-03-16", to: "2013-03-31")
    configuration.booster.maxRounds = 40
    configuration.booster.maxDepth = 4
    configuration.booster.learningRate = 0.2
    configuration.booster.earlyStoppingRounds = 8
    return configuration
}

@Suite struct DelayModelTrainerTests {
    @Test func trainsOnATimeSplitAndBeatsItsBaselines() async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await SyntheticHistory.seed(database, days: 90)
            let lines = ProgressRecorder()
            let result = try await DelayModelTrainer(source: HistoricalDepartureSource(database: database))
                .train(quickConfiguration()) { lines.append($0) }
            let evaluation = result.evaluation
            let classifier = evaluation.classifier
            #expect(classifier.model.auc > 0.75)
            #expect(classifier.model.auc > classifier.scheduleOnly.auc)
            #expect(classifier.priorRate.auc == 0.5)
            #expect(classifier.model.brier < classifier.priorRate.brier)
            #expect(evaluation.minutes.model.rmse < evaluation.minutes.median.rmse)
            #expect(classifier.model.calibration.count == 10)
            #expect(classifier.model.count == result.rows.test)
            #expect(result.draft.files.keys.sorted() == ["minutes", "probability"])
            #expect(result.draft.dataFingerprint.count == 64)
            #expect(result.draft.profile.columns.count == DelayFeature.allCases.count)
            // Progress is reported round by round, with the early stop.
            #expect(lines.all.contains { $0.hasPrefix("[delayed 15+] round 1:") })
            #expect(lines.all.contains { $0.contains("best round") })
            // And phase by phase, in order, so that a first `make run` is never a silent minute.
            #expect(lines.all.filter { $0.range(of: #"^\d/5 "#, options: .regularExpression) != nil }.map { String($0.prefix(3)) }
                    == ["1/5", "2/5", "3/5", "4/5", "5/5"])
            // Excluded features never reach a tree.
            #expect(evaluation.importance.first { $0.feature == "day_of_year" }?.meanAbsoluteContribution == 0)

            // The same data and seed give the same fingerprint.
            let again = try await DelayModelTrainer(source: HistoricalDepartureSource(database: database)).train(quickConfiguration())
            #expect(again.draft.dataFingerprint == result.draft.dataFingerprint)
        }
    }

    @Test func aConfigurationThatCannotTrainIsRefusedWithItsReasons() async throws {
        try await TestDatabases.with(.sqlite) { database in
            var configuration = quickConfiguration()
            configuration.validation = .init(from: "2013-02-01", to: "2013-02-10")
            configuration.booster.maxDepth = 40
            configuration.excludedFeatures = ["no_such_feature"]
            let failure = try await #require(throws: ValidationFailure.self) {
                try await DelayModelTrainer(source: HistoricalDepartureSource(database: database)).train(configuration)
            }
            #expect(Set(failure.issues.map(\.code)) == ["overlapping_periods", "invalid_parameter", "unknown_feature"])
            // Periods with no data say so.
            let empty = try await #require(throws: ServiceError.self) {
                try await DelayModelTrainer(source: HistoricalDepartureSource(database: database)).train(quickConfiguration())
            }
            #expect(empty.code == "not_enough_data")
        }
    }

    @Test func configurationFilesFillInDefaults() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("delay-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"{"leadTimeMinutes": 90, "booster": {"maxDepth": 5}}"#.utf8).write(to: file)
        let configuration = try TrainingConfiguration.load(path: file.path)
        #expect(configuration.leadTimeMinutes == 90)
        #expect(configuration.booster.maxDepth == 5)
        #expect(configuration.booster.learningRate == TrainingConfiguration.Booster().learningRate)
        #expect(configuration.train == TrainingConfiguration().train)
        try Data("{not json".utf8).write(to: file)
        #expect(throws: ServiceError.self) { try TrainingConfiguration.load(path: file.path) }
        #expect(throws: ServiceError.self) { try TrainingConfiguration.load(path: "/nonexistent/delay.json") }
    }
}

final class ProgressRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
