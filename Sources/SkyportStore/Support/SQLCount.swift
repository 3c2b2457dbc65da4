import SQLKit

extension SQLDatabase {
    /// The integer a counting query selects as `n` (`SELECT COUNT(*) AS n …`); 0 when it returns no row.
    public func count(_ query: SQLQueryString) async throws -> Int {
        Int(try await raw(query).first()?.decode(column: "n", as: Int64.self) ?? 0)
    }
}
