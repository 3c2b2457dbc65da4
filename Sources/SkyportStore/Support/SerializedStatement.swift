import SQLKit

/// A statement serialized ahead of time: building the SQL text of a large multi-row insert is work
/// better done before a transaction takes the (single, on SQLite) writer than while it holds it.
public struct SerializedStatement: SQLExpression, Sendable {
    public let sql: String
    public let binds: [any Encodable & Sendable]

    /// Serializes `expression` in the dialect of `database` (which only lends its dialect).
    public init(_ expression: any SQLExpression, for database: any SQLDatabase) {
        var serializer = SQLSerializer(database: database)
        expression.serialize(to: &serializer)
        sql = serializer.sql
        binds = serializer.binds
    }

    public func serialize(to serializer: inout SQLSerializer) {
        serializer.write(sql)
        serializer.binds.append(contentsOf: binds)
    }

    /// Runs the statement on `database`, discarding any rows.
    public func run(on database: any SQLDatabase) async throws {
        try await database.execute(sql: self) { _ in }
    }

    /// Runs the statement on `database` and returns its rows.
    public func all(on database: any SQLDatabase) async throws -> [any SQLRow] {
        try await Fetcher(query: self, database: database).all()
    }

    /// SQLKit's fetching over a ready statement.
    private final class Fetcher: SQLQueryFetcher {
        let query: any SQLExpression
        let database: any SQLDatabase

        init(query: any SQLExpression, database: any SQLDatabase) {
            self.query = query
            self.database = database
        }
    }
}
