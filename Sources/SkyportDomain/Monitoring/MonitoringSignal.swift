/// What an alert rule watches. Each signal is measured inside Skyport and has the same meaning in
/// PromQL over Skyport's `/metrics`, so that one rule can be evaluated either way.
public enum MonitoringSignal: String, Sendable, Codable, CaseIterable {
    /// Share of requests answered 5xx over the rule's window, per module.
    case httpErrorRatio = "http_error_ratio"
    /// The 99th percentile of request durations over the rule's window, per module, in seconds.
    case httpLatencyP99 = "http_latency_p99_seconds"
    /// 1 when at least one live instance serving the module reports it ready, else 0.
    case moduleReady = "module_ready"
    /// Outbox events written but not yet read by every consumer.
    case outboxBacklog = "outbox_backlog"
    /// Passenger notifications waiting to be prepared or delivered.
    case notificationBacklog = "notification_backlog"
    /// Age in seconds of the oldest collected event not yet in a profile.
    case cdpLag = "cdp_lag_seconds"
    /// The largest feature drift (PSI) of the champion delay model over the last day.
    case modelDrift = "model_drift_psi"
    /// Share of the departures scored in the last 30 minutes that the model expects to be delayed.
    case predictedDelayShare = "predicted_delay_share"
    /// How fast an objective's error budget burns (the slower of two windows); only in rules made from objectives.
    case sloBurnRate = "slo_burn_rate"

    /// True for signals measured per module (the rule may name one module or watch each).
    public var isPerModule: Bool {
        switch self {
        case .httpErrorRatio, .httpLatencyP99, .moduleReady: true
        default: false
        }
    }

    /// True for signals computed over a window of requests.
    public var usesWindow: Bool { self == .httpErrorRatio || self == .httpLatencyP99 }

    /// The gauge Skyport exports for a signal that is not computed from request metrics.
    public var gaugeName: String? {
        switch self {
        case .httpErrorRatio, .httpLatencyP99, .sloBurnRate: nil
        case .moduleReady: "skyport_module_ready"
        case .outboxBacklog: "skyport_outbox_backlog_events"
        case .notificationBacklog: "skyport_notification_backlog"
        case .cdpLag: "skyport_cdp_processing_lag_seconds"
        case .modelDrift: "skyport_model_drift_psi"
        case .predictedDelayShare: "skyport_predicted_delay_share"
        }
    }
}
