/// Request counts per duration bucket, as Prometheus histograms keep them, with the quantile estimate
/// PromQL's `histogram_quantile` makes (linear inside the bucket the rank falls in).
public struct LatencyHistogram: Sendable, Equatable {
    /// Upper bounds in seconds, ascending; a last bucket without bound (+Inf) follows them.
    public let bounds: [Double]
    /// One count per bound plus the +Inf bucket (not cumulative).
    public private(set) var counts: [Int]

    /// The bounds of Skyport's request duration histograms (`skyport_http_request_duration_seconds`).
    public static let standardBounds: [Double] = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    public init(bounds: [Double] = standardBounds, counts: [Int]? = nil) {
        self.bounds = bounds
        self.counts = counts ?? [Int](repeating: 0, count: bounds.count + 1)
        precondition(self.counts.count == bounds.count + 1, "one count per bound plus +Inf")
    }

    public var total: Int { counts.reduce(0, +) }

    /// The bucket index of a duration (the first bound at or above it).
    public func bucket(of seconds: Double) -> Int {
        bounds.firstIndex { seconds <= $0 } ?? bounds.count
    }

    public mutating func record(seconds: Double) { counts[bucket(of: seconds)] += 1 }

    public mutating func add(_ other: LatencyHistogram) {
        for index in counts.indices { counts[index] += other.counts[index] }
    }

    /// Requests at or under `bound` seconds (a bound of the histogram).
    public func count(atOrBelow bound: Double) -> Int {
        guard let index = bounds.firstIndex(of: bound) else { return 0 }
        return counts[...index].reduce(0, +)
    }

    /// The `q` quantile in seconds; nil without requests. Past the last bound, the last bound (as PromQL does).
    public func quantile(_ q: Double) -> Double? {
        let total = self.total
        guard total > 0 else { return nil }
        let rank = q * Double(total)
        var below = 0
        for (index, count) in counts.enumerated() {
            if Double(below + count) >= rank, count > 0 {
                guard index < bounds.count else { return bounds.last }
                let lower = index == 0 ? 0 : bounds[index - 1]
                return lower + (bounds[index] - lower) * (rank - Double(below)) / Double(count)
            }
            below += count
        }
        return bounds.last
    }
}
