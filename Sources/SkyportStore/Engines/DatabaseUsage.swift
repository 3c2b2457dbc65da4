import Synchronization

/// How busy a database's connections are right now, for the saturation metrics.
public struct DatabaseUsage: Sendable, Equatable {
    /// Reads and transactions running or waiting for a connection.
    public let operationsInFlight: Int
    /// Connections the store may hold at once.
    public let connections: Int
}

/// Counts the operations in flight around each lease of a connection.
final class OperationCounter: Sendable {
    private let running = Atomic<Int>(0)

    var current: Int { running.load(ordering: .relaxed) }

    func counting<T>(_ body: () async throws -> T) async rethrows -> T {
        running.add(1, ordering: .relaxed)
        defer { running.subtract(1, ordering: .relaxed) }
        return try await body()
    }
}
