import Foundation
import Prediction
import SkyportStore

/// NASA's FD001 copy the project ships, read once per test run (inflating and hashing it takes seconds in debug
/// builds), and a real engine-life model trained once on it, quickly (60 rounds, one thread).
public enum QuickEngineLifeModel {
    private static let shippedData = TrainedOnce {
        try await offTheCooperativePool { try EngineDataSet.load(from: URL(fileURLWithPath: EngineDataSet.standardDirectory)) }
    }

    private static let trained = TrainedOnce {
        var configuration = EngineLifeConfiguration()
        configuration.booster.maxRounds = 60
        configuration.booster.learningRate = 0.3
        configuration.booster.earlyStoppingRounds = 10
        configuration.booster.threads = 1
        return try await EngineLifeTrainer(data: try await shippedData.get()).train(configuration).draft
    }

    /// The shipped data set.
    public static func data() async throws -> EngineDataSet {
        try await shippedData.get()
    }

    /// The trained draft and the data set.
    public static func get() async throws -> (draft: ModelRegistry.Draft, data: EngineDataSet) {
        (try await trained.get(), try await shippedData.get())
    }

    /// Registers the model in `database` and points `champion` at it.
    @discardableResult
    public static func installChampion(in database: any Database, now: Int64) async throws -> ModelVersion {
        try await trained.get().installChampion(in: database, now: now)
    }
}
