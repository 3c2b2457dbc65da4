import SkyportDomain

/// Requests of one route (or a module, or everything) over some period: the RED signals.
public struct TrafficCounts: Sendable, Equatable {
    public var requests = 0
    public var clientErrors = 0
    public var serverErrors = 0
    public var durationSeconds = 0.0
    public var histogram = LatencyHistogram()

    public init() {}

    public mutating func record(status: Int, seconds: Double) {
        requests += 1
        if (400..<500).contains(status) { clientErrors += 1 }
        if status >= 500 { serverErrors += 1 }
        durationSeconds += seconds
        histogram.record(seconds: seconds)
    }

    public mutating func add(_ other: TrafficCounts) {
        requests += other.requests
        clientErrors += other.clientErrors
        serverErrors += other.serverErrors
        durationSeconds += other.durationSeconds
        histogram.add(other.histogram)
    }

    /// Share answered 5xx; nil without requests.
    public var serverErrorShare: Double? { requests > 0 ? Double(serverErrors) / Double(requests) : nil }
    public var p99Seconds: Double? { histogram.quantile(0.99) }
    public var p50Seconds: Double? { histogram.quantile(0.5) }
}
