import CommandCenter
import Foundation
import Prometheus
import SkyportDomain
import Synchronization

/// The metrics Skyport exports at `/metrics`, named by Prometheus conventions (`skyport_` namespace,
/// `_total` counters, base units such as `_seconds`). Request metrics carry the module that served the
/// route; the business and background-work gauges are the command center's figures, exported by the
/// instances that run it (aggregate them with `max`, as the shipped rules do).
public final class SkyportMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    /// This instance's request figures, written to the database for the command center (nil: not recorded).
    let traffic: TrafficRecorder?
    private let requestCounters = Mutex<[String: Counter]>([:])
    private let durations = Mutex<[String: DurationHistogram]>([:])
    private let gauges = Mutex<[String: Gauge]>([:])
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

    static let latencyBuckets: [Duration] = LatencyHistogram.standardBounds.map { Duration.microseconds(Int64(($0 * 1_000_000).rounded())) }

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), traffic: TrafficRecorder? = nil) {
        self.registry = registry
        self.traffic = traffic
        func counter(_ name: String, _ help: String) -> Counter {
            registry.makeCounter(descriptor: .init(namespace: "skyport", metricName: name, unitName: "total", helpText: help))
        }
        inFlight = registry.makeGauge(descriptor: .init(namespace: "skyport", subsystem: "http", metricName: "requests_in_flight", unitName: "",
                                                         helpText: "Requests being handled now."))
        offersServed = counter("offers_served", "Offers returned by searches through the API.")
        orderRequests = counter("order_requests", "Order creation requests received by the API.")
        ordersCreated = counter("orders_created", "Orders created through the API (replays of an Idempotency-Key not counted).")
        seatsSold = counter("seats_sold", "Seats taken by orders created through the API.")
        ordersCancelled = counter("orders_cancelled", "Orders cancelled through the API.")
        seatsReleased = counter("seats_released", "Seats returned to inventory by cancellations through the API.")
        predictionsServed = counter("predictions_served", "Delay predictions returned, single and batch rows.")
    }

    /// Records one finished request under its route template (never the raw path, to bound cardinality).
    func recordRequest(module: String, method: String, route: String, status: Int, duration: Duration) {
        let key = "\(module) \(method) \(route) \(status)"
        Self.metric(in: requestCounters, key) {
            registry.makeCounter(
                descriptor: .init(namespace: "skyport", subsystem: "http", metricName: "requests", unitName: "total",
                                  helpText: "HTTP requests by module, route and status."),
                labels: [("module", module), ("method", method), ("route", route), ("status", String(status))])
        }.increment()
        Self.metric(in: durations, "\(module) \(method) \(route)") {
            registry.makeDurationHistogram(
                descriptor: .init(namespace: "skyport", subsystem: "http", metricName: "request_duration", unitName: "seconds",
                                  helpText: "HTTP request latency by module and route."),
                labels: [("module", module), ("method", method), ("route", route)], buckets: Self.latencyBuckets)
        }.record(duration)
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        traffic?.record(module: module, method: method, route: route, status: status, seconds: seconds)
    }

    /// The metric of `key`, made in the registry the first time (one per label set, as Prometheus wants).
    private static func metric<Metric: Sendable>(in cache: borrowing Mutex<[String: Metric]>, _ key: String, make: () -> Metric) -> Metric {
        cache.withLock { metrics in
            if let existing = metrics[key] { return existing }
            let made = make()
            metrics[key] = made
            return made
        }
    }

    func requestStarted() { inFlight.increment() }
    func requestFinished() { inFlight.decrement() }

    /// Sets a gauge, made on first use (`labels` in a fixed order per name).
    public func set(_ name: String, help: String, labels: [(String, String)] = [], to value: Double) {
        Self.metric(in: gauges, name + labels.map { "|\($0.0)=\($0.1)" }.joined()) {
            registry.makeGauge(descriptor: .init(namespace: "skyport", metricName: name, unitName: "", helpText: help), labels: labels)
        }.set(value)
    }

    /// Exports the command center's latest figures as gauges; every disruption level is written (0 when none
    /// is open), so that a level's gauge drops when its last disruption closes.
    public func publish(_ figures: OperationalFigures, readiness: [ServiceModule: Double], disruptionLevels: [String]) {
        set("outbox_backlog_events", help: "Outbox events not yet read by every consumer.", to: Double(figures.outboxBacklog))
        set("notification_backlog", help: "Passenger notifications waiting to be prepared or delivered.", to: Double(figures.notificationBacklog))
        set("cdp_processing_lag_seconds", help: "Age of the oldest collected event not yet in a profile.", to: figures.cdpLagSeconds)
        set("business_orders", help: "Orders in the database.", to: Double(figures.ordersCreated))
        set("business_orders_cancelled", help: "Cancelled orders in the database.", to: Double(figures.ordersCancelled))
        set("business_seats_sold", help: "Seats of the orders in the database.", to: Double(figures.seatsSold))
        set("business_rebookings_accepted", help: "Disrupted bookings moved to another flight.", to: Double(figures.rebookingsAccepted))
        for (currency, minor) in figures.bookedRevenue.sorted(by: { $0.key < $1.key }) {
            let digits = CurrencyCode(currency)?.minorUnitDigits ?? 2
            set("business_revenue_booked", help: "Total amount of the orders in the database, by currency (major units).",
                labels: [("currency", currency)], to: Double(minor) / pow(10, Double(digits)))
        }
        for (channel, outcomes) in figures.notificationAttempts.sorted(by: { $0.key < $1.key }) {
            for (outcome, count) in outcomes.sorted(by: { $0.key < $1.key }) {
                set("notification_attempts", help: "Passenger notification delivery attempts by channel and outcome.",
                    labels: [("channel", channel), ("outcome", outcome)], to: Double(count))
            }
        }
        if let loadFactor = figures.loadFactor {
            set("flights_load_factor", help: "Seats sold over seats offered on the departures of the next seven days.", to: loadFactor)
        }
        for level in Set(disruptionLevels).union(figures.disruptionsOpen.keys).sorted() {
            set("disruptions_open", help: "Open flight disruptions by level.", labels: [("level", level)], to: Double(figures.disruptionsOpen[level] ?? 0))
        }
        if let version = figures.championVersion {
            set("model_champion_version", help: "Version of the delay model serving as champion.", to: Double(version))
        }
        if let drift = figures.modelDriftPSI {
            set("model_drift_psi", help: "Largest feature drift (PSI) of the champion delay model over the last day.", to: drift)
        }
        if let auc = figures.realizedAUC {
            set("model_realized_auc", help: "Realized AUC of the champion on the latest day with known outcomes.", to: auc)
        }
        set("predicted_delay_share", help: "Share of the departures scored in the last 30 minutes expected to be delayed.",
            to: figures.predictedDelayShare ?? 0)
        for (module, ready) in readiness.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            set("module_ready", help: "1 when a live instance serving the module is ready.", labels: [("module", module.rawValue)], to: ready)
        }
    }

    /// The Prometheus text exposition.
    public func exposition() -> [UInt8] { registry.emitToBuffer() }
}
