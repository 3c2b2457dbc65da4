import Foundation
import Logging
import SQLKit
import SkyportDomain
import SkyportStore
import Synchronization

/// Counts this instance's requests per route and minute (and hour) in memory and writes them to the
/// database every few seconds, so that the command center and the alerts see every instance's traffic
/// without scraping them. Each instance writes its own rows (its id is in the key), whole, so a write
/// that is repeated or lost never counts a request twice.
public final class TrafficRecorder: Sendable {
    struct Key: Hashable {
        let resolution: TrafficResolution
        let periodStart: Int64
        let module: String
        let method: String
        let route: String
    }

    private struct Pending {
        var counts: [Key: TrafficCounts] = [:]
        var dirty: Set<Key> = []
    }

    let database: any Database
    public let instance: String
    let logger: Logger
    let now: @Sendable () -> Int64
    private let state = Mutex(Pending())

    public init(database: any Database, instance: String, logger: Logger, now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        self.database = database
        self.instance = instance
        self.logger = logger
        self.now = now
    }

    /// Counts one finished request, at `time` (seconds since 1970; default now).
    public func record(module: String, method: String, route: String, status: Int, seconds: Double, at time: Int64? = nil) {
        let time = time ?? now()
        state.withLock { pending in
            for resolution in TrafficResolution.allCases {
                let key = Key(resolution: resolution, periodStart: resolution.periodStart(of: time), module: module, method: method, route: route)
                pending.counts[key, default: TrafficCounts()].record(status: status, seconds: seconds)
                pending.dirty.insert(key)
            }
        }
    }

    /// Writes the periods that changed since the last flush and forgets the ones that have ended.
    public func flush(now: Int64) async throws {
        let changed: [(Key, TrafficCounts)] = state.withLock { pending in
            let rows = pending.dirty.compactMap { key in pending.counts[key].map { (key, $0) } }
            pending.dirty.removeAll()
            // A period stays in memory until the next one has begun and it has been written.
            pending.counts = pending.counts.filter { key, _ in key.periodStart >= key.resolution.periodStart(of: now) - key.resolution.seconds }
            return rows
        }
        guard !changed.isEmpty else { return }
        do {
            try await database.transaction { [instance] sql in
                for resolution in TrafficResolution.allCases {
                    let rows = changed.filter { $0.0.resolution == resolution }.sorted { ($0.0.periodStart, $0.0.route) < ($1.0.periodStart, $1.0.route) }
                    try await BulkInsert.insert(into: resolution.table, columns: Self.columns, rows: rows.map { Self.row($0, $1, instance: instance) },
                                                onConflict: .update(key: Self.key, columns: Array(Self.columns.dropFirst(Self.key.count))), on: sql)
                }
            }
        } catch {
            // Counted again at the next flush: the rows are written whole, so nothing is lost or doubled.
            state.withLock { pending in for (key, _) in changed { pending.dirty.insert(key) } }
            throw error
        }
    }

    /// Removes rows older than each resolution keeps.
    public func prune(now: Int64) async throws {
        try await database.transaction { sql in
            for resolution in TrafficResolution.allCases {
                try await sql.raw("DELETE FROM \(unsafeRaw: resolution.table) WHERE period_start < \(bind: now - resolution.retentionSeconds)").run()
            }
        }
    }

    /// A row's key: each instance writes only its own rows.
    private static let key = ["period_start", "instance", "module", "method", "route"]
    private static let columns = key + ["requests", "client_errors", "server_errors", "duration_seconds"]
        + LatencyHistogram().counts.indices.map { "b\($0)" }

    private static func row(_ key: Key, _ counts: TrafficCounts, instance: String) -> BulkInsert.Row {
        let figures: BulkInsert.Row = [key.periodStart, instance, key.module, key.method, key.route,
                                       counts.requests, counts.clientErrors, counts.serverErrors, counts.durationSeconds]
        return figures + counts.histogram.counts.map { $0 as any Encodable & Sendable }
    }
}
