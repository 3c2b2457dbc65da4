import Foundation
import Logging
import SQLKit

/// Applies pending migrations in version order. Each module brings its own (`BookingSchema`, `AccountsSchema`, …);
/// the migrator takes them all and orders them by version, the order they were written in, so that a database made
/// before the tables were split by module migrates in place. Safe to run from several instances at once on
/// PostgreSQL (an advisory lock serializes them) and idempotent: applied versions are skipped.
public struct Migrator: Sendable {
    public let migrations: [Migration]
    private let logger: Logger

    /// `migrations` in any order; two with one version are a programming error.
    public init(migrations: [Migration], logger: Logger) {
        let ordered = migrations.sorted { $0.version < $1.version }
        precondition(zip(ordered, ordered.dropFirst()).allSatisfy { $0.version < $1.version }, "two migrations have one version")
        self.migrations = ordered
        self.logger = logger
    }

    /// Applies what is missing; returns the versions it applied.
    @discardableResult
    public func migrate(_ database: any Database) async throws -> [Int] {
        try await database.transaction { sql in
            try await sql.raw("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)
                """).run()
        }
        var applied: [Int] = []
        for migration in migrations {
            let engine = database.engine
            let didApply = try await database.transaction { sql in
                if engine == .postgres {
                    try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: 7_514_002))").run()
                }
                let existing = try await sql.raw("SELECT version FROM schema_migrations WHERE version = \(bind: migration.version)").all()
                guard existing.isEmpty else { return false }
                for statement in migration.statements(engine) {
                    try await sql.raw(SQLQueryString(statement)).run()
                }
                let now = Int64(Date().timeIntervalSince1970)
                try await sql.raw("""
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: now))
                    """).run()
                return true
            }
            if didApply {
                logger.info("applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
                applied.append(migration.version)
            }
        }
        return applied
    }

    /// Versions already applied, ascending.
    public func appliedVersions(_ database: any Database) async throws -> [Int] {
        try await database.read { sql in
            try await sql.raw("SELECT version FROM schema_migrations ORDER BY version").all().map { try $0.decode(column: "version", as: Int.self) }
        }
    }
}
