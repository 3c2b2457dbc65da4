import SQLKit
import SkyportDomain
import SkyportStore

/// The alerts' states (`alert_states`, inactive ones are not stored) and their history with each webhook delivery
/// (`alert_events`), in the caller's transaction.
enum AlertStore {
    /// An event whose webhook delivery is due.
    struct DueEvent: Decodable {
        let id: Int64, rule: String, labels: String, kind: String, severity: String, summary: String, runbook: String
        let occurred_at: Int64, delivery_attempts: Int
    }

    /// An event as the history shows it.
    struct EventRow: Decodable {
        let id: Int64, rule: String, labels: String, kind: String, severity: String, summary: String, value: Double?
        let occurred_at: Int64, delivery_status: String, delivery_attempts: Int, last_error: String?
    }

    /// The alerts that are not inactive, per rule and labels.
    static func states(on sql: any SQLDatabase) async throws -> [String: [AlertLabels: AlertState]] {
        var states: [String: [AlertLabels: AlertState]] = [:]
        for row in try await sql.raw("SELECT rule, labels, phase, active_since, firing_since, value FROM alert_states").all() {
            let phase = AlertState.Phase(rawValue: try row.decode(column: "phase", as: String.self)) ?? .inactive
            states[try row.decode(column: "rule", as: String.self), default: [:]][AlertLabels(text: try row.decode(column: "labels", as: String.self))] =
                AlertState(phase: phase, activeSince: try row.decode(column: "active_since", as: Int64?.self),
                           firingSince: try row.decode(column: "firing_since", as: Int64?.self), value: try row.decode(column: "value", as: Double?.self))
        }
        return states
    }

    /// Stores an alert's state; an inactive one is forgotten.
    static func save(_ state: AlertState, rule: String, labels: AlertLabels, at now: Int64, on sql: any SQLDatabase) async throws {
        guard state.phase != .inactive else {
            try await sql.raw("DELETE FROM alert_states WHERE rule = \(bind: rule) AND labels = \(bind: labels.description)").run()
            return
        }
        try await sql.raw("""
            INSERT INTO alert_states (rule, labels, phase, active_since, firing_since, value, updated_at)
            VALUES (\(bind: rule), \(bind: labels.description), \(bind: state.phase.rawValue), \(bind: state.activeSince),
                    \(bind: state.firingSince), \(bind: state.value), \(bind: now))
            ON CONFLICT (rule, labels) DO UPDATE SET phase = excluded.phase, active_since = excluded.active_since,
                firing_since = excluded.firing_since, value = excluded.value, updated_at = excluded.updated_at
            """).run()
    }

    /// Records a transition; with `deliver`, its webhook delivery is due at once.
    static func recordEvent(rule: AlertRule, labels: AlertLabels, kind: String, value: Double?, deliver: Bool, at now: Int64,
                            on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO alert_events (rule, labels, kind, severity, summary, runbook, value, occurred_at, delivery_status, next_attempt_at)
            VALUES (\(bind: rule.name), \(bind: labels.description), \(bind: kind), \(bind: rule.severity.rawValue),
                    \(bind: rule.summary), \(bind: rule.runbook), \(bind: value), \(bind: now),
                    \(bind: deliver ? "pending" : "none"), \(bind: deliver ? now : nil))
            """).run()
    }

    /// Deletes events before `cutoff` whose delivery is settled.
    static func prune(before cutoff: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM alert_events WHERE occurred_at < \(bind: cutoff) AND delivery_status <> 'pending'").run()
    }

    static func dueDeliveries(at now: Int64, limit: Int, on sql: any SQLDatabase) async throws -> [DueEvent] {
        try await sql.raw("""
            SELECT id, rule, labels, kind, severity, summary, runbook, occurred_at, delivery_attempts FROM alert_events
            WHERE delivery_status = 'pending' AND next_attempt_at <= \(bind: now) ORDER BY id LIMIT \(bind: limit)
            """).all(decoding: DueEvent.self)
    }

    /// Records a delivery try: `delivered`, `failed` for good, or `pending` again at `retryAt`.
    static func recordDelivery(_ id: Int64, status: String, attempts: Int, retryAt: Int64?, lastError: String?, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            UPDATE alert_events SET delivery_status = \(bind: status), delivery_attempts = \(bind: attempts),
                next_attempt_at = \(bind: retryAt), last_error = \(bind: lastError)
            WHERE id = \(bind: id)
            """).run()
    }

    /// The newest events first, from `since`.
    static func events(since: Int64, limit: Int, on sql: any SQLDatabase) async throws -> [EventRow] {
        try await sql.raw("""
            SELECT id, rule, labels, kind, severity, summary, value, occurred_at, delivery_status, delivery_attempts, last_error
            FROM alert_events WHERE occurred_at >= \(bind: since) ORDER BY id DESC LIMIT \(bind: limit)
            """).all(decoding: EventRow.self)
    }
}
