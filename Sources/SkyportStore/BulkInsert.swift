import SQLKit

/// Multi-row inserts in batches, with every value bound.
public enum BulkInsert {
    /// What to do with a row whose key already exists.
    public enum OnConflict: Sendable {
        /// Keep the stored row (idempotent imports that must not touch sold inventory).
        case keep(key: [String])
        /// Replace the listed columns with the new row's values (reference data).
        case update(key: [String], columns: [String])
    }

    public typealias Row = [any Encodable & Sendable]

    /// Inserts `rows` into `table` in statements of at most `batchSize` rows.
    public static func insert(into table: String, columns: [String], rows: [Row], onConflict: OnConflict?,
                              batchSize: Int = 500, on sql: any SQLDatabase) async throws {
        // SQLite allows 32,766 bound values a statement and PostgreSQL 65,535.
        let size = max(1, min(batchSize, 30_000 / max(1, columns.count)))
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + size)
            var builder = sql.insert(into: table).columns(columns)
            for row in rows[start..<end] { builder = builder.values(row) }
            switch onConflict {
            case nil:
                break
            case .keep(let key):
                builder = builder.ignoringConflicts(with: key)
            case .update(let key, let updated):
                builder = builder.onConflict(with: key) { conflict in
                    updated.reduce(conflict) { $0.set(excludedValueOf: $1) }
                }
            }
            try await builder.run()
            start = end
        }
    }
}
