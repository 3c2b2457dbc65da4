import Foundation
import Prometheus
import Synchronization

/// The metrics Skyport exports at `/metrics`, named by Prometheus conventions
/// (`skyport_` namespace, `_total` counters, `_seconds` durations).
public final class SkyportMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private let requestCounters = Mutex<[String: Counter]>([:])
    private let durations = Mutex<[String: DurationHistogram]>([:])
    private let inFlight: Gauge
    /// Offers returned by searches.
    public let offersServed: Counter
    public let orderRequests: Counter
    public let ordersCreated: Counter
    public let seatsSold: Counter
    public let ordersCancelled: Counter
    public let seatsReleased: Counter
    /// Delay predictions returned (single and batch rows).
    public let predictionsServed: Counter

    static let latencyBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(20),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5),
    ]

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        func counter(_ name: String, _ help: String) -> Counter {
            registry.makeCounter(descriptor: .init(namespace: "skyport", metricName: name, unitName: "total", helpText: help))
        }
        inFlight = registry.makeGauge(descriptor: .init(namespace: "skyport", subsystem: "http", metricName: "requests_in_flight",
                                                         unitName: "", helpText: "Requests being handled now."))
        offersServed = counter("offers_served", "Offers returned by searches.")
        orderRequests = counter("order_requests", "Order creation requests received.")
        ordersCreated = counter("orders_created", "Orders created (replays of an Idempotency-Key not counted).")
        seatsSold = counter("seats_sold", "Seats taken by new orders.")
        ordersCancelled = counter("orders_cancelled", "Orders cancelled.")
        seatsReleased = counter("seats_released", "Seats returned to inventory by cancellations.")
        predictionsServed = counter("predictions_served", "Delay predictions returned, single and batch rows.")
    }

    /// Records one finished request under its route template (never the raw path, to bound cardinality).
    func recordRequest(method: String, route: String, status: Int, duration: Duration) {
        let key = "\(method) \(route) \(status)"
        let counter = requestCounters.withLock { counters in
            if let existing = counters[key] { return existing }
            let made = registry.makeCounter(
                descriptor: .init(namespace: "skyport", subsystem: "http", metricName: "requests", unitName: "total", helpText: "HTTP requests by route and status."),
                labels: [("method", method), ("route", route), ("status", String(status))])
            counters[key] = made
            return made
        }
        counter.increment()
        let histogramKey = "\(method) \(route)"
        let histogram = durations.withLock { histograms in
            if let existing = histograms[histogramKey] { return existing }
            let made = registry.makeDurationHistogram(
                descriptor: .init(namespace: "skyport", subsystem: "http", metricName: "request_duration", unitName: "seconds", helpText: "HTTP request latency."),
                labels: [("method", method), ("route", route)], buckets: Self.latencyBuckets)
            histograms[histogramKey] = made
            return made
        }
        histogram.record(duration)
    }

    func requestStarted() { inFlight.increment() }
    func requestFinished() { inFlight.decrement() }

    /// The Prometheus text exposition.
    public func exposition() -> [UInt8] { registry.emitToBuffer() }
}
