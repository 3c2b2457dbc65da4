/// How busy a database's connections are right now, for the saturation metrics.
public struct DatabaseUsage: Sendable, Equatable {
    /// Reads and transactions running or waiting for a connection.
    public let operationsInFlight: Int
    /// Connections the store may hold at once.
    public let connections: Int
}
