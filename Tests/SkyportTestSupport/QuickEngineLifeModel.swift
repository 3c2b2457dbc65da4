import Foundation
import Prediction
import SkyportStore

/// A real engine-life model trained once per test run, quickly (60 rounds, one thread), on the shipped FD001 copy,
/// with the copy it was trained on.
public enum QuickEngineLifeModel {
    private actor Trained {
        var result: (draft: ModelRegistry.Draft, data: EngineDataSet)?

        func get() async throws -> (draft: ModelRegistry.Draft, data: EngineDataSet) {
            if let result { return result }
            let data = try await offTheCooperativePool { try EngineDataSet.load(from: URL(fileURLWithPath: EngineDataSet.standardDirectory)) }
            var configuration = EngineLifeConfiguration()
            configuration.booster.maxRounds = 60
            configuration.booster.learningRate = 0.3
            configuration.booster.earlyStoppingRounds = 10
            configuration.booster.threads = 1
            let trained = (try await EngineLifeTrainer(data: data).train(configuration).draft, data)
            result = trained
            return trained
        }
    }

    private static let trained = Trained()

    /// The trained draft and the data set.
    public static func get() async throws -> (draft: ModelRegistry.Draft, data: EngineDataSet) {
        try await trained.get()
    }

    /// Registers the model in `database` and points `champion` at it.
    @discardableResult
    public static func installChampion(in database: any Database, now: Int64) async throws -> ModelVersion {
        let registry = ModelRegistry(database: database)
        let version = try await registry.register(try await trained.get().draft, now: now)
        try await registry.move(alias: "champion", of: EngineLifeModel.name.rawValue, to: version, by: "test", now: now)
        return version
    }
}
