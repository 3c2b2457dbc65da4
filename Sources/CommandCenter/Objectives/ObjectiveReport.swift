import SkyportDomain

/// Where one objective stands: what was achieved over its period, the error budget left, and how fast
/// it burns over each alert window.
public struct ObjectiveReport: Sendable, Equatable, Encodable {
    public struct Burn: Sendable, Equatable, Encodable {
        public let window: String
        public let long: String
        public let short: String
        public let factor: Double
        /// Burn rates over the long and short windows (nil without requests).
        public let longRate: Double?
        public let shortRate: Double?
        public let burning: Bool

        /// How fast `slo`'s budget burns over both of `window`'s spans ending at `now`.
        static func measure(_ slo: ServiceLevelObjective, _ window: BurnRate.Window, reader: SignalReader, now: Int64) async throws -> Burn {
            let long = try await reader.badShare(slo, window.long, now: now), short = try await reader.badShare(slo, window.short, now: now)
            return Burn(window: window.name, long: window.long.description, short: window.short.description, factor: window.factor,
                        longRate: long.map { BurnRate.rate(badShare: $0, objective: slo.objective) },
                        shortRate: short.map { BurnRate.rate(badShare: $0, objective: slo.objective) },
                        burning: BurnRate.isBurning(window, longBadShare: long, shortBadShare: short, objective: slo.objective))
        }

        /// What the burn-rate alert compares with the factor: it fires when both spans burn faster, so the
        /// slower of the two (nil when either span had no requests).
        var alertRate: Double? {
            guard let longRate, let shortRate else { return nil }
            return min(longRate, shortRate)
        }
    }

    public let name: String
    public let kind: ServiceLevelObjective.Kind
    public let method: String
    public let route: String
    public let objective: Double
    public let thresholdSeconds: Double?
    public let period: String
    public let requests: Int
    public let bad: Int
    /// Good share over the period (nil without requests).
    public let achieved: Double?
    /// 1 untouched, 0 spent, negative overspent.
    public let budgetRemaining: Double
    public let burns: [Burn]

    /// Measures every objective at `now`.
    public static func measure(_ configuration: MonitoringConfiguration, reader: SignalReader, traffic: TrafficHistory,
                               now: Int64) async throws -> [ObjectiveReport] {
        var reports: [ObjectiveReport] = []
        for slo in configuration.slos {
            let since = TrafficResolution.hour.periodStart(of: now - Int64(slo.period.seconds) + 3600)
            let counts = try await traffic.route(method: slo.method, route: slo.route, since: since, until: now + 3600, resolution: .hour)
            let bad = ObjectiveArithmetic.bad(slo, counts)
            var burns: [Burn] = []
            for window in BurnRate.windows {
                burns.append(try await Burn.measure(slo, window, reader: reader, now: now))
            }
            reports.append(ObjectiveReport(
                name: slo.name, kind: slo.kind, method: slo.method, route: slo.route, objective: slo.objective,
                thresholdSeconds: slo.thresholdSeconds, period: slo.period.description, requests: counts.requests, bad: bad,
                achieved: counts.requests > 0 ? 1 - Double(bad) / Double(counts.requests) : nil,
                budgetRemaining: BurnRate.budgetRemaining(bad: bad, total: counts.requests, objective: slo.objective), burns: burns))
        }
        return reports
    }
}
