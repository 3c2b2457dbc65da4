import SkyportDomain

/// Good and bad requests of an objective.
public enum ObjectiveArithmetic {
    public static func bad(_ slo: ServiceLevelObjective, _ counts: TrafficCounts) -> Int {
        switch slo.kind {
        case .availability: counts.serverErrors
        case .latency: counts.requests - counts.histogram.count(atOrBelow: slo.thresholdSeconds ?? 0)
        }
    }

    public static func badShare(_ slo: ServiceLevelObjective, _ counts: TrafficCounts) -> Double? {
        counts.requests > 0 ? Double(bad(slo, counts)) / Double(counts.requests) : nil
    }
}
