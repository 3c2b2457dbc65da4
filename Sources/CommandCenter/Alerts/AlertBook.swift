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
        /// `pending` or `firing`.
        public let state: String
        public let severity: String
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
        let rules = Dictionary(uniqueKeysWithValues: configuration.allRules.map { ($0.name, $0) })
        let rows = try await database.read { sql in
            try await sql.raw("SELECT rule, labels, phase, active_since, firing_since, value FROM alert_states ORDER BY rule, labels").all()
        }
        return try rows.compactMap { row -> Active? in
            let name = try row.decode(column: "rule", as: String.self)
            guard let rule = rules[name] else { return nil }
            return Active(rule: name, labels: try row.decode(column: "labels", as: String.self), state: try row.decode(column: "phase", as: String.self),
                          severity: rule.severity.rawValue, summary: rule.summary, runbook: rule.runbook,
                          value: try row.decode(column: "value", as: Double?.self), activeSince: try row.decode(column: "active_since", as: Int64?.self) ?? 0,
                          firingSince: try row.decode(column: "firing_since", as: Int64?.self))
        }.sorted { Self.order($0) < Self.order($1) }
    }

    private static func order(_ alert: Active) -> (Int, Int, String) {
        (alert.state == "firing" ? 0 : 1, alert.severity == "page" ? 0 : 1, alert.rule)
    }

    /// The newest events first, from `since`.
    public func history(since: Int64, limit: Int = 200) async throws -> [Event] {
        struct Row: Decodable {
            let id: Int64, rule: String, labels: String, kind: String, severity: String, summary: String, value: Double?
            let occurred_at: Int64, delivery_status: String, delivery_attempts: Int, last_error: String?
        }
        return try await database.read { sql in
            try await sql.raw("""
                SELECT id, rule, labels, kind, severity, summary, value, occurred_at, delivery_status, delivery_attempts, last_error
                FROM alert_events WHERE occurred_at >= \(bind: since) ORDER BY id DESC LIMIT \(bind: limit)
                """).all(decoding: Row.self)
        }.map {
            Event(id: $0.id, rule: $0.rule, labels: $0.labels, kind: $0.kind, severity: $0.severity, summary: $0.summary, value: $0.value,
                  occurredAt: $0.occurred_at, deliveryStatus: $0.delivery_status, deliveryAttempts: $0.delivery_attempts, lastError: $0.last_error)
        }
    }
}
