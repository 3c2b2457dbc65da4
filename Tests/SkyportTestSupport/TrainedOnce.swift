import Prediction
import SkyportStore

/// A value built once per test run, the first time a test asks (a model trained on synthetic or shipped data); the
/// tests that ask meanwhile wait for the same build.
public actor TrainedOnce<Value: Sendable> {
    private let build: @Sendable () async throws -> Value
    private var task: Task<Value, any Error>?

    public init(_ build: @escaping @Sendable () async throws -> Value) {
        self.build = build
    }

    public func get() async throws -> Value {
        if let task { return try await task.value }
        let started = Task { try await build() }
        task = started
        return try await started.value
    }
}

extension ModelRegistry.Draft {
    /// Registers this trained model in `database` and points the product's `champion` at it.
    @discardableResult
    public func installChampion(in database: any Database, now: Int64) async throws -> ModelVersion {
        let registry = ModelRegistry(database: database)
        let version = try await registry.register(self, now: now)
        try await registry.move(alias: "champion", of: modelName, to: version, by: "test", now: now)
        return version
    }
}
