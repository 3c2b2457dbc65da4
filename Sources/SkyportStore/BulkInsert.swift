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
        for statement in statements(into: table, columns: columns, rows: rows, onConflict: onConflict, batchSize: batchSize, for: sql) {
            try await statement.run(on: sql)
        }
    }

    /// Inserts `rows` into `table` in transactions of `transactionRows` rows, so that a long import never holds
    /// SQLite's writer for long; rows whose `key` exists are kept.
    public static func insert(into table: String, columns: [String], rows: [Row], keeping key: [String], transactionRows: Int = 20_000,
                              in database: any Database) async throws {
        var start = 0
        while start < rows.count {
            let chunk = Array(rows[start..<min(rows.count, start + transactionRows)])
            try await database.transaction { sql in
                try await insert(into: table, columns: columns, rows: chunk, onConflict: .keep(key: key), on: sql)
            }
            start += chunk.count
        }
    }

    /// The statements `insert` runs, serialized for `database`'s dialect, to run later.
    public static func statements(into table: String, columns: [String], rows: [Row], onConflict: OnConflict?,
                                  batchSize: Int = 500, for database: any SQLDatabase) -> [SerializedStatement] {
        // SQLite allows 32,766 bound values a statement and PostgreSQL 65,535.
        let size = max(1, min(batchSize, 30_000 / max(1, columns.count)))
        return stride(from: 0, to: rows.count, by: size).map { start in
            var builder = database.insert(into: table).columns(columns)
            for row in rows[start..<min(rows.count, start + size)] { builder = builder.values(row) }
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
            return SerializedStatement(builder.query, for: database)
        }
    }

    /// Statements inserting `rows`, skipping those whose unique `key` (one or more columns) is already stored;
    /// run with `insertedKeys`, they answer the `key` of each row inserted.
    public static func statements(into table: String, columns: [String], rows: [Row], returningNew key: [String],
                                  for database: any SQLDatabase) -> [SerializedStatement] {
        let size = 30_000 / max(1, columns.count)
        return stride(from: 0, to: rows.count, by: size).map { start in
            var builder = database.insert(into: table).columns(columns)
            for row in rows[start..<min(rows.count, start + size)] { builder = builder.values(row) }
            return SerializedStatement(builder.ignoringConflicts(with: key).returning(key.map { SQLColumn($0) }).query, for: database)
        }
    }

    /// Runs statements from `statements(into:columns:rows:returningNew:for:)`; returns the key of each row
    /// inserted, its columns' text values in order.
    public static func insertedKeys(_ statements: [SerializedStatement], key: [String], on sql: any SQLDatabase) async throws -> [[String]] {
        var inserted: [[String]] = []
        for statement in statements {
            for row in try await statement.all(on: sql) { inserted.append(try key.map { try row.decode(column: $0, as: String.self) }) }
        }
        return inserted
    }
}
