import SQLKit
import SkyportDomain
import SkyportStore

/// Reads the request figures every instance wrote: series over time for charts, and totals per route
/// for tables, alerts and objectives.
public struct TrafficHistory: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// One period's figures.
    public struct Point: Sendable, Equatable {
        public let periodStart: Int64
        public let counts: TrafficCounts
    }

    /// One route's figures over a range.
    public struct RouteTotal: Sendable, Equatable {
        public let module: String
        public let method: String
        public let route: String
        public let counts: TrafficCounts
    }

    /// Per step (a multiple of the resolution) from `since` (inclusive) to `until` (exclusive), every instance
    /// added up; steps without requests are absent. `module` nil takes every module.
    public func series(module: String?, since: Int64, until: Int64, resolution: TrafficResolution, step: Int64) async throws -> [Point] {
        try await steps(module: module, perModule: false, since: since, until: until, resolution: resolution, step: step).map(\.point)
    }

    /// `series(module:)` of every module that had requests, in one read.
    public func seriesByModule(since: Int64, until: Int64, resolution: TrafficResolution, step: Int64) async throws -> [String: [Point]] {
        let steps = try await steps(module: nil, perModule: true, since: since, until: until, resolution: resolution, step: step)
        return Dictionary(grouping: steps, by: { $0.module ?? "" }).mapValues { $0.map(\.point) }
    }

    private func steps(module: String?, perModule: Bool, since: Int64, until: Int64, resolution: TrafficResolution,
                       step: Int64) async throws -> [(module: String?, point: Point)] {
        let filter: SQLQueryString = module.map { "AND module = \(bind: $0)" } ?? ""
        let grouping: SQLQueryString = perModule ? "module, " : ""
        let step = max(resolution.seconds, step - step % resolution.seconds)
        let rows = try await database.read { sql in
            try await sql.raw("""
                SELECT \(grouping)(period_start / \(literal: step)) * \(literal: step) AS step_start, \(unsafeRaw: Self.sums)
                FROM \(unsafeRaw: resolution.table) WHERE period_start >= \(bind: since) AND period_start < \(bind: until) \(filter)
                GROUP BY \(grouping)step_start ORDER BY \(grouping)step_start
                """).all()
        }
        return try rows.map { row in
            (module: perModule ? try row.decode(column: "module", as: String.self) : nil,
             point: Point(periodStart: try row.decode(column: "step_start", as: Int64.self), counts: try Self.counts(of: row)))
        }
    }

    /// Per route over the range, every instance added up, busiest first.
    public func routes(since: Int64, until: Int64, resolution: TrafficResolution) async throws -> [RouteTotal] {
        let rows = try await database.read { sql in
            try await sql.raw("""
                SELECT module, method, route, \(unsafeRaw: Self.sums) FROM \(unsafeRaw: resolution.table)
                WHERE period_start >= \(bind: since) AND period_start < \(bind: until)
                GROUP BY module, method, route ORDER BY requests DESC, module, route, method
                """).all()
        }
        return try rows.map { row in
            RouteTotal(module: try row.decode(column: "module", as: String.self), method: try row.decode(column: "method", as: String.self),
                       route: try row.decode(column: "route", as: String.self), counts: try Self.counts(of: row))
        }
    }

    /// Per module over the range.
    public func modules(since: Int64, until: Int64, resolution: TrafficResolution) async throws -> [String: TrafficCounts] {
        Self.byModule(try await routes(since: since, until: until, resolution: resolution))
    }

    /// Routes' figures added up per module.
    public static func byModule(_ routes: [RouteTotal]) -> [String: TrafficCounts] {
        var totals: [String: TrafficCounts] = [:]
        for route in routes { totals[route.module, default: TrafficCounts()].add(route.counts) }
        return totals
    }

    /// One route's figures over the range (zero counts when it had no requests).
    public func route(method: String, route: String, since: Int64, until: Int64, resolution: TrafficResolution) async throws -> TrafficCounts {
        let row = try await database.read { sql in
            try await sql.raw("""
                SELECT \(unsafeRaw: Self.sums) FROM \(unsafeRaw: resolution.table)
                WHERE method = \(bind: method) AND route = \(bind: route) AND period_start >= \(bind: since) AND period_start < \(bind: until)
                """).first()
        }
        return try row.map(Self.counts(of:)) ?? TrafficCounts()
    }

    /// Sums cast back to BIGINT: PostgreSQL adds BIGINTs up into NUMERIC.
    private static let sums = (["requests", "client_errors", "server_errors"] + (0...12).map { "b\($0)" })
        .map { "CAST(SUM(\($0)) AS BIGINT) AS \($0)" }.joined(separator: ", ") + ", SUM(duration_seconds) AS duration_seconds"

    private static func counts(of row: any SQLRow) throws -> TrafficCounts {
        var counts = TrafficCounts()
        counts.requests = Int(try row.decode(column: "requests", as: Int64?.self) ?? 0)
        counts.clientErrors = Int(try row.decode(column: "client_errors", as: Int64?.self) ?? 0)
        counts.serverErrors = Int(try row.decode(column: "server_errors", as: Int64?.self) ?? 0)
        counts.durationSeconds = try row.decode(column: "duration_seconds", as: Double?.self) ?? 0
        counts.histogram = LatencyHistogram(counts: try (0...12).map { Int(try row.decode(column: "b\($0)", as: Int64?.self) ?? 0) })
        return counts
    }
}
