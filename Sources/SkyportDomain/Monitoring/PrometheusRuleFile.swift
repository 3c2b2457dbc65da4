import Foundation

/// The monitoring configuration as a Prometheus rules file, for airlines that run Prometheus and
/// Alertmanager: each rule's PromQL means what Skyport computes for it inside (`deploy/prometheus/skyport-rules.yml`).
public enum PrometheusRuleFile {
    public static let header = """
        # Skyport's alert rules for Prometheus, made by `skyport alerts prometheus-rules` from config/monitoring.json.
        # Edit that file, then run `make prometheus-rules`; a test fails when the two differ.
        """

    /// The whole file.
    public static func render(_ configuration: MonitoringConfiguration) -> String {
        var lines = [header, "groups:", "  - name: skyport-alerts", "    rules:"]
        for rule in configuration.alerts { lines += block(rule, expression: expression(of: rule)) }
        lines += ["  - name: skyport-slos", "    rules:"]
        for slo in configuration.slos {
            for window in BurnRate.windows {
                let rule = slo.burnRateRules.first { $0.name == slo.burnRateRuleName(window) }!
                lines += block(rule, expression: burnExpression(slo, window), labels: [("slo", slo.name)])
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The PromQL of a configured rule, with its comparison.
    public static func expression(of rule: AlertRule) -> String {
        let comparison = (rule.comparison == .above ? " > " : " < ") + MonitoringNumber.format(rule.threshold)
        let moduleSelector = rule.module.map { "module=\"\($0.rawValue)\"" }
        let window = rule.effectiveWindow.description
        switch rule.signal {
        case .httpErrorRatio:
            let all = selector(moduleSelector), failed = selector(moduleSelector, "status=~\"5..\"")
            return "sum by (module) (rate(skyport_http_requests_total\(failed)[\(window)])) / sum by (module) (rate(skyport_http_requests_total\(all)[\(window)]))" + comparison
        case .httpLatencyP99:
            return "histogram_quantile(0.99, sum by (module, le) (rate(skyport_http_request_duration_seconds_bucket\(selector(moduleSelector))[\(window)])))" + comparison
        case .moduleReady:
            return "max by (module) (\(rule.signal.gaugeName!)\(selector(moduleSelector)))" + comparison
        case .outboxBacklog, .notificationBacklog, .cdpLag, .modelDrift, .predictedDelayShare:
            return "max(\(rule.signal.gaugeName!))" + comparison
        case .sloBurnRate:
            preconditionFailure("burn-rate rules are written from their objective")
        }
    }

    /// Bad share over both windows above `factor` times the budget.
    public static func burnExpression(_ slo: ServiceLevelObjective, _ window: BurnRate.Window) -> String {
        let limit = "(" + MonitoringNumber.format(window.factor) + " * " + MonitoringNumber.format(slo.errorBudget) + ")"
        return "\(badShare(slo, window.long)) > \(limit) and \(badShare(slo, window.short)) > \(limit)"
    }

    /// PromQL of the share of the route's requests that were bad over `window`.
    public static func badShare(_ slo: ServiceLevelObjective, _ window: MonitoringDuration) -> String {
        let route = "method=\"\(slo.method)\", route=\"\(slo.route)\""
        switch slo.kind {
        case .availability:
            return "(sum(rate(skyport_http_requests_total{\(route), status=~\"5..\"}[\(window)])) / sum(rate(skyport_http_requests_total{\(route)}[\(window)])))"
        case .latency:
            // The bucket's label as the exposition writes it (`0.5`, `1.0`).
            let bound = "\(slo.thresholdSeconds ?? 0)"
            return "(1 - sum(rate(skyport_http_request_duration_seconds_bucket{\(route), le=\"\(bound)\"}[\(window)])) / sum(rate(skyport_http_request_duration_seconds_count{\(route)}[\(window)])))"
        }
    }

    private static func selector(_ matchers: String?...) -> String {
        let present = matchers.compactMap { $0 }
        return present.isEmpty ? "" : "{" + present.joined(separator: ", ") + "}"
    }

    private static func block(_ rule: AlertRule, expression: String, labels: [(String, String)] = []) -> [String] {
        var lines = [
            "      - alert: \(rule.name)",
            "        expr: \(quoted(expression))",
            "        for: \(rule.for)",
            "        labels:",
            "          severity: \(rule.severity.rawValue)",
        ]
        lines += labels.map { "          \($0.0): \(quoted($0.1))" }
        lines += [
            "        annotations:",
            "          summary: \(quoted(rule.summary))",
            "          runbook_url: \(quoted(rule.runbook))",
        ]
        return lines
    }

    /// A YAML single-quoted scalar (PromQL's double quotes stay as they are).
    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
