import Foundation
import Logging
import Operations
import SQLKit
import SkyportDomain
import SkyportStore

/// Evaluates every rule over the signals, keeps each alert's state in the database (so that a restart or
/// another instance carries on where it was), writes pending, firing, resolved and cleared to the history
/// in the same transaction, and sends firing and resolved alerts to the operators' webhook with retries.
public struct AlertEngine: Sendable {
    let database: any Database
    let configuration: MonitoringConfiguration
    let webhook: AlertWebhook?
    let poster: HTTPPoster
    let publicURL: String
    let logger: Logger
    /// Tries of one webhook delivery before it is given up (30 s, 1, 2, 4, 8 minutes apart).
    static let deliveryTries = 6

    public init(database: any Database, configuration: MonitoringConfiguration, webhook: AlertWebhook?, poster: HTTPPoster = HTTPPoster(),
                publicURL: String, logger: Logger) {
        self.database = database
        self.configuration = configuration
        self.webhook = webhook
        self.poster = poster
        self.publicURL = publicURL
        self.logger = logger
    }

    /// One change of an alert.
    public struct Change: Sendable, Equatable {
        public let rule: String
        public let labels: AlertLabels
        public let transition: AlertState.Transition
        public let value: Double?
    }

    /// Moves every alert on by one evaluation at `now`; returns what changed.
    @discardableResult
    public func evaluate(_ readings: SignalReadings, now: Int64) async throws -> [Change] {
        let rules = configuration.allRules
        return try await database.transaction { [webhook] sql in
            let states = try await AlertStore.states(on: sql)
            var changes: [Change] = []
            for rule in rules {
                let values = readings.values(of: rule.name)
                let known = states[rule.name] ?? [:]
                for labels in Set(values.keys).union(known.keys).sorted() {
                    var state = known[labels] ?? AlertState()
                    let transition = state.evaluate(value: values[labels], rule: rule, now: now)
                    try await AlertStore.save(state, rule: rule.name, labels: labels, at: now, on: sql)
                    guard let transition else { continue }
                    let delivered = webhook != nil && (transition == .firing || transition == .resolved)
                    try await AlertStore.recordEvent(rule: rule, labels: labels, kind: transition.rawValue, value: values[labels] ?? state.value,
                                                     deliver: delivered, at: now, on: sql)
                    changes.append(Change(rule: rule.name, labels: labels, transition: transition, value: values[labels]))
                }
            }
            return changes
        }
    }


    /// Alert history is kept this long (webhooks still being tried are kept until they end).
    public static let historySeconds: Int64 = 90 * 86_400

    /// Removes history older than `historySeconds`.
    public func prune(now: Int64) async throws {
        try await database.transaction { sql in
            try await AlertStore.prune(before: now - Self.historySeconds, on: sql)
        }
    }

    /// Sends the webhook deliveries that are due; returns how many were tried.
    @discardableResult
    public func deliverDue(now: Int64) async throws -> Int {
        guard let webhook else { return 0 }
        let due = try await database.read { sql in try await AlertStore.dueDeliveries(at: now, limit: 50, on: sql) }
        for event in due {
            let body = try notification(rule: event.rule, labels: AlertLabels(text: event.labels), kind: event.kind, severity: event.severity,
                                        summary: event.summary, runbook: event.runbook, occurredAt: event.occurred_at)
            var failure: String?
            do {
                let answer = try await poster.post(webhook.url, body: body, headers: [
                    ("Content-Type", "application/json"), ("User-Agent", "Skyport-Alerts/1"),
                    ("X-Skyport-Signature", WebhookChannel.signature(of: body, secret: webhook.secret)),
                ])
                if !(200..<300).contains(answer.status) { failure = "HTTP \(answer.status)" }
            } catch {
                failure = String(describing: error)
            }
            let attempts = event.delivery_attempts + 1
            let status = failure == nil ? "delivered" : attempts >= Self.deliveryTries ? "failed" : "pending"
            let retry = now + 30 * (1 << Int64(attempts - 1))
            let lastError = failure.map { String($0.prefix(300)) }
            try await database.transaction { sql in
                try await AlertStore.recordDelivery(event.id, status: status, attempts: attempts, retryAt: status == "pending" ? retry : nil,
                                                    lastError: lastError, on: sql)
            }
            if let failure {
                logger.warning("alert webhook failed", metadata: ["module": "ops-center", "alert": "\(event.rule)", "attempt": "\(attempts)", "error": "\(failure)"])
            }
        }
        return due.count
    }

    func notification(rule: String, labels: AlertLabels, kind: String, severity: String, summary: String, runbook: String,
                      occurredAt: Int64) throws -> Data {
        let status = kind == "resolved" ? "resolved" : "firing"
        var allLabels = ["alertname": rule, "severity": severity]
        for (name, value) in labels.pairs { allLabels[name] = value }
        let annotations = ["summary": summary, "runbook_url": runbook]
        let time = Date(timeIntervalSince1970: TimeInterval(occurredAt)).formatted(.iso8601)
        let alert = AlertNotification.Alert(status: status, labels: allLabels, annotations: annotations,
                                            startsAt: status == "firing" ? time : "0001-01-01T00:00:00Z",
                                            endsAt: status == "resolved" ? time : "0001-01-01T00:00:00Z",
                                            fingerprint: rule + "{" + labels.description + "}")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(AlertNotification(status: status, groupKey: "{}:{alertname=\"\(rule)\"}", alerts: [alert],
                                                    commonLabels: allLabels, commonAnnotations: annotations, externalURL: publicURL + "/ops/alerts"))
    }
}
