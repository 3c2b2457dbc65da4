import Foundation
import Prediction
import SkyportStore

/// A real delay model trained once per test run on the synthetic 2013 (where storms delay departures),
/// so operations tests see bad weather raise real predictions.
public enum WeatherDelayModel {
    private static let trained = TrainedOnce {
        try await TestDatabases.with(.sqlite) { database in
            try await SyntheticHistory.seed(database, days: 90)
            var configuration = TrainingConfiguration()
            configuration.train = .init(from: "2013-01-01", to: "2013-02-28")
            configuration.validation = .init(from: "2013-03-01", to: "2013-03-15")
            configuration.test = .init(from: "2013-03-16", to: "2013-03-31")
            configuration.booster.maxRounds = 60
            configuration.booster.maxDepth = 4
            configuration.booster.learningRate = 0.2
            configuration.booster.earlyStoppingRounds = 10
            return try await DelayModelTrainer(source: HistoricalDepartureSource(database: database)).train(configuration).draft
        }
    }

    /// Registers the model in `database` and points `champion` at it.
    @discardableResult
    public static func installChampion(in database: any Database, now: Int64) async throws -> ModelVersion {
        try await trained.get().installChampion(in: database, now: now)
    }
}
