import Prediction
import SkyportDomain

/// What the database says about the business and the background work, measured by the command center
/// every few seconds: the figures behind the business tiles, the backlog alerts and the gauges that
/// `/metrics` exports for Prometheus.
public struct OperationalFigures: Sendable, Equatable {
    /// When they were measured (seconds since 1970).
    public var measuredAt: Int64 = 0
    // Saturation of the background work.
    public var outboxBacklog = 0
    public var notificationBacklog = 0
    /// Age of the oldest collected event not in a profile yet (0 when none waits).
    public var cdpLagSeconds = 0.0
    // Business, since the first order (counters that only grow).
    public var ordersCreated = 0
    public var seatsSold = 0
    public var ordersCancelled = 0
    /// Total amounts of the orders created, in minor units, per currency.
    public var bookedRevenue: [String: Int64] = [:]
    public var rebookingsAccepted = 0
    /// Delivery attempts per channel and outcome (`delivered`, `failed`, `dead`).
    public var notificationAttempts: [String: [String: Int]] = [:]
    // Business, now.
    /// Seats sold over seats offered on the departures of the next seven days (nil without departures).
    public var loadFactor: Double?
    public var disruptionsOpen: [String: Int] = [:]
    // The champion delay model.
    public var championVersion: Int?
    /// The largest feature PSI over the last day of predictions (nil until measured).
    public var modelDriftPSI: Double?
    /// Realized AUC of the latest day with known outcomes.
    public var realizedAUC: Double?
    /// Share of the departures scored in the last 30 minutes at or above the decision threshold (nil without any).
    public var predictedDelayShare: Double?
    /// Every product of the ML platform as the catalogue shows it, its service figures over the last day (measured at
    /// the model cadence, like the delay model's drift).
    public var models: [ModelOverview] = []

    public init() {}

    /// The value of a signal that is not computed from requests.
    public func value(of signal: MonitoringSignal) -> Double? {
        switch signal {
        case .outboxBacklog: Double(outboxBacklog)
        case .notificationBacklog: Double(notificationBacklog)
        case .cdpLag: cdpLagSeconds
        case .modelDrift: modelDriftPSI
        case .predictedDelayShare: predictedDelayShare
        case .httpErrorRatio, .httpLatencyP99, .moduleReady, .sloBurnRate: nil
        }
    }
}
