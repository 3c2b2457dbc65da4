/// One step of the schema, applied once, in order, in its own transaction. Versions are one sequence across every
/// module (a new migration takes the next free number) and are never reused.
///
/// Instants are `BIGINT` seconds since 1970 (UTC); local dates are `TEXT` `YYYY-MM-DD`;
/// money is `BIGINT` minor units beside a `TEXT` ISO 4217 code.
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
