/// One step of the schema, applied once, in order, in its own transaction.
public struct Migration: Sendable {
    /// Strictly increasing; never reused.
    public let version: Int
    public let name: String
    /// The statements for an engine. Most are the same on both; where they differ, the closure says so.
    public let statements: @Sendable (SQLEngine) -> [String]

    public init(version: Int, name: String, statements: @escaping @Sendable (SQLEngine) -> [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }
}
