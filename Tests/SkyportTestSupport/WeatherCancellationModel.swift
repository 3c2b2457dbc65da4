import Foundation
import Prediction
import SkyportStore

/// A real cancellation-risk model trained once per test run on the synthetic 2013 (where the deepest storms cancel
/// departures), so operations tests see a blizzard raise real cancellation risks.
public enum WeatherCancellationModel {
    private static let trained = TrainedOnce {
        try await TestDatabases.with(.sqlite) { database in
            try await SyntheticHistory.seed(database, days: 120)
            return try await CancellationRiskTrainer(source: HistoricalDepartureSource(database: database)).train(WeatherCancellationModel.configuration).draft
        }
    }

    /// A quick split of 120 synthetic days: train January to mid-March, validate the rest of March, test April.
    public static var configuration: CancellationRiskConfiguration {
        var configuration = CancellationRiskConfiguration()
        configuration.train = .init(from: "2013-01-01", to: "2013-03-15")
        configuration.validation = .init(from: "2013-03-16", to: "2013-03-31")
        configuration.test = .init(from: "2013-04-01", to: "2013-04-30")
        configuration.booster.maxRounds = 80
        configuration.booster.maxDepth = 4
        configuration.booster.learningRate = 0.2
        configuration.booster.earlyStoppingRounds = 15
        return configuration
    }

    /// Registers the model in `database` and points `champion` at it.
    @discardableResult
    public static func installChampion(in database: any Database, now: Int64) async throws -> ModelVersion {
        try await trained.get().installChampion(in: database, now: now)
    }
}
