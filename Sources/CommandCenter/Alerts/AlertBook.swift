import SQLKit
import SkyportDomain
import SkyportStore

/// The alerts as operators read them: what is pending or firing now, and what happened.
public struct AlertBook: Sendable {
    let database: any Database
    let configuration: MonitoringConfiguration

    public init(database: any Database, configuration: MonitoringConfiguration) {
        self.database = database
        self.configuration = configuration
    }

    /// An alert that is pending or firing.
    public struct Active: Sendable, Equatable, Encodable {
        public let rule: String
        public let labels: String
        /// Pending or firing.
        public let state: AlertState.Phase
        public let severity: AlertRule.Severity
        public let summary: String
        public let runbook: String
        public let value: Double?
        public let activeSince: Int64
        public let firingSince: Int64?
    }

    /// One line of the history.
    public struct Event: Sendable, Equatable, Encodable {
        public let id: Int64
        public let rule: String
        public let labels: String
        /// `pending`, `firing`, `resolved` or `cleared`.
        public let kind: String
        public let severity: String
        public let summary: String
        public let value: Double?
        public let occurredAt: Int64
        /// `none` (not sent: pending, cleared, or no webhook), `pending`, `delivered` or `failed`.
        public let deliveryStatus: String
        public let deliveryAttempts: Int
        public let lastError: String?
    }

    /// Firing first, then pending; pages before tickets.
    public func active() async throws -> [Active] {
        let states = try await database.read { sql in try await AlertStore.states(on: sql) }
        return configuration.allRules.flatMap { rule in
            (states[rule.name] ?? [:]).map { labels, state in
                Active(rule: rule.name, labels: labels.description, state: state.phase, severity: rule.severity,
                       summary: rule.summary, runbook: rule.runbook, value: state.value, activeSince: state.activeSince ?? 0,
                       firingSince: state.firingSince)
            }
        }.sorted { Self.order($0) < Self.order($1) }
    }

    private static func order(_ alert: Active) -> (Int, Int, String, String) {
        (alert.state == .firing ? 0 : 1, alert.severity == .page ? 0 : 1, alert.rule, alert.labels)
    }

    /// The newest events first, from `since`.
    public func history(since: Int64, limit: Int = 200) async throws -> [Event] {
        try await database.read { sql in try await AlertStore.events(since: since, limit: limit, on: sql) }.map {
            Event(id: $0.id, rule: $0.rule, labels: $0.labels, kind: $0.kind, severity: $0.severity, summary: $0.summary, value: $0.value,
                  occurredAt: $0.occurred_at, deliveryStatus: $0.delivery_status, deliveryAttempts: $0.delivery_attempts, lastError: $0.last_error)
        }
    }
}
