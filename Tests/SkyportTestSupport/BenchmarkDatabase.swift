import Foundation
import Logging
import SQLKit
import SkyportStore

/// The benchmarks' fresh database: a schema of its own on PostgreSQL when `postgresURL` is given (dropped when closed),
/// else a SQLite file in a temporary folder with `synchronous=FULL`, as Skyport serves.
public enum BenchmarkDatabase {
    public static func open(postgresURL: String?, logger: Logger) async throws -> (any Database, @Sendable () async -> Void) {
        if let postgresURL {
            let schema = "bench_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
            let admin = try PostgresStore(url: postgresURL, maximumConnections: 1, logger: logger)
            try await admin.read { sql in try await sql.raw(SQLQueryString("CREATE SCHEMA \(unsafeRaw: String(schema))")).run() }
            await admin.close()
            let store = try PostgresStore(url: postgresURL, schema: String(schema), maximumConnections: 20, logger: logger)
            return (store, {
                await store.close()
                if let admin = try? PostgresStore(url: postgresURL, maximumConnections: 1, logger: logger) {
                    try? await admin.read { sql in try await sql.raw(SQLQueryString("DROP SCHEMA \(unsafeRaw: String(schema)) CASCADE")).run() }
                    await admin.close()
                }
            })
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("skyport-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try await SQLiteStore.open(path: directory.appendingPathComponent("bench.sqlite").path, durability: .full, logger: logger)
        return (store, {
            await store.close()
            try? FileManager.default.removeItem(at: directory)
        })
    }
}
