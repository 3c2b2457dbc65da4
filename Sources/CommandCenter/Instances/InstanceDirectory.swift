import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// The running instances: each writes which modules it serves and their health every few seconds,
/// so the command center knows every deployment without asking Kubernetes.
public struct InstanceDirectory: Sendable {
    let database: any Database
    /// An instance not heard from for this long is counted as down.
    public static let staleSeconds: Int64 = 30

    public init(database: any Database) {
        self.database = database
    }

    public struct Instance: Sendable, Equatable {
        public let id: String
        public let services: [ServiceModule]
        public let host: String
        public let startedAt: Int64
        public let seenAt: Int64
        public let health: [ServiceModule: ModuleHealth]

        /// Heard from within `InstanceDirectory.staleSeconds` of `now`.
        public func isLive(now: Int64) -> Bool { now - seenAt <= InstanceDirectory.staleSeconds }
    }

    /// Records that `id` is up, serving `services` with this health.
    public func heartbeat(id: String, services: Set<ServiceModule>, host: String, startedAt: Int64,
                          health: [ServiceModule: ModuleHealth], now: Int64) async throws {
        let readiness = String(decoding: try JSONEncoder.sorted.encode(Dictionary(uniqueKeysWithValues: health.map { ($0.key.rawValue, $0.value) })),
                               as: UTF8.self)
        let names = services.map(\.rawValue).sorted().joined(separator: ",")
        try await database.transaction { sql in
            try await sql.raw("""
                INSERT INTO service_instances (id, services, host, started_at, seen_at, readiness)
                VALUES (\(bind: id), \(bind: names), \(bind: host), \(bind: startedAt), \(bind: now), \(bind: readiness))
                ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at, readiness = excluded.readiness
                """).run()
        }
    }

    /// Removes an instance that is shutting down, so it is not shown as failed.
    public func leave(id: String) async throws {
        try await database.transaction { sql in try await sql.raw("DELETE FROM service_instances WHERE id = \(bind: id)").run() }
    }

    /// Instances heard from in the last day, newest first.
    public func recent(now: Int64) async throws -> [Instance] {
        struct Row: Decodable {
            let id: String, services: String, host: String, started_at: Int64, seen_at: Int64, readiness: String
        }
        let rows = try await database.read { sql in
            try await sql.raw("""
                SELECT id, services, host, started_at, seen_at, readiness FROM service_instances WHERE seen_at >= \(bind: now - 86_400)
                ORDER BY started_at DESC, id
                """).all(decoding: Row.self)
        }
        return rows.map { row in
            let decoded = (try? JSONDecoder().decode([String: ModuleHealth].self, from: Data(row.readiness.utf8))) ?? [:]
            return Instance(id: row.id, services: row.services.split(separator: ",").map { ServiceModule(String($0)) },
                            host: row.host, startedAt: row.started_at, seenAt: row.seen_at,
                            health: Dictionary(uniqueKeysWithValues: decoded.map { key, value in (ServiceModule(key), value) }))
        }
    }

    /// Removes instances not heard from for a day.
    public func prune(now: Int64) async throws {
        try await database.transaction { sql in
            try await sql.raw("DELETE FROM service_instances WHERE seen_at < \(bind: now - 86_400)").run()
        }
    }

    /// Per module: 1 when a live instance serves it and is not `not_ready`, else 0 (modules nobody runs are absent).
    public static func readiness(of instances: [Instance], now: Int64) -> [ServiceModule: Double] {
        var ready: [ServiceModule: Double] = [:]
        for instance in instances {
            for module in instance.services {
                let serving = instance.isLive(now: now) && (instance.health[module]?.isServing ?? false)
                ready[module] = max(ready[module] ?? 0, serving ? 1 : 0)
            }
        }
        return ready
    }
}

extension JSONEncoder {
    /// Sorted keys: the same value always writes the same text.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
