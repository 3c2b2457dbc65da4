import Foundation
import Logging
import PostgresKit
import SQLKit
import SkyportApp
import SkyportStore

/// Fresh, migrated databases for tests: SQLite always, PostgreSQL when `SKYPORT_TEST_POSTGRES_URL`
/// is set (CI sets it). Each PostgreSQL database is a schema of its own, dropped afterwards.
public enum TestDatabases {
    public static let postgresURL = ProcessInfo.processInfo.environment["SKYPORT_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// The engines storage tests run on here.
    public static var engines: [SQLEngine] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    /// The migrator of every module's tables, as the application runs it.
    public static var migrator: Migrator { SkyportModules.migrator(logger: logger) }

    public static let logger: Logger = {
        var logger = Logger(label: "skyport.test")
        logger.logLevel = .warning
        return logger
    }()

    /// Runs `body` with a fresh migrated database of `engine`, then removes it.
    public static func with<T: Sendable>(_ engine: SQLEngine, migrate: Bool = true,
                                         _ body: @Sendable (any Database) async throws -> T) async throws -> T {
        let (database, cleanup) = try await make(engine)
        do {
            if migrate { try await migrator.migrate(database) }
            let value = try await body(database)
            await database.close()
            try await cleanup()
            return value
        } catch {
            await database.close()
            try? await cleanup()
            throw error
        }
    }

    /// Runs `body` with `count` separate connection pools over one fresh migrated PostgreSQL database, as
    /// `count` Skyport instances would open it, then removes it.
    public static func withPostgresInstances<T: Sendable>(_ count: Int, _ body: @Sendable ([any Database]) async throws -> T) async throws -> T {
        guard let url = postgresURL else { throw DatabaseError.invalidURL("SKYPORT_TEST_POSTGRES_URL is not set") }
        let schema = try await createSchema(url: url)
        let stores = try (0..<count).map { _ in try PostgresStore(url: url, schema: schema, maximumConnections: 20, logger: logger) }
        do {
            try await migrator.migrate(stores[0])
            let value = try await body(stores)
            for store in stores { await store.close() }
            try await dropSchema(schema, url: url)
            return value
        } catch {
            for store in stores { await store.close() }
            try? await dropSchema(schema, url: url)
            throw error
        }
    }

    private static func createSchema(url: String) async throws -> String {
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let admin = try PostgresStore(url: url, maximumConnections: 1, logger: logger)
        try await admin.read { sql in try await sql.raw(SQLQueryString("CREATE SCHEMA \(unsafeRaw: schema)")).run() }
        await admin.close()
        return String(schema)
    }

    private static func dropSchema(_ schema: String, url: String) async throws {
        let admin = try PostgresStore(url: url, maximumConnections: 1, logger: logger)
        try await admin.read { sql in try await sql.raw(SQLQueryString("DROP SCHEMA \(unsafeRaw: schema) CASCADE")).run() }
        await admin.close()
    }

    private static func make(_ engine: SQLEngine) async throws -> (any Database, @Sendable () async throws -> Void) {
        switch engine {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("skyport-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let store = try await SQLiteStore.open(path: directory.appendingPathComponent("test.sqlite").path, durability: .normal, logger: logger)
            return (store, { try FileManager.default.removeItem(at: directory) })
        case .postgres:
            guard let url = postgresURL else { throw DatabaseError.invalidURL("SKYPORT_TEST_POSTGRES_URL is not set") }
            let schema = try await createSchema(url: url)
            let store = try PostgresStore(url: url, schema: schema, maximumConnections: 40, logger: logger)
            return (store, { try await dropSchema(schema, url: url) })
        }
    }
}
