/// One alert: a signal compared with a threshold for a duration, with what operators need to act on it.
/// Rules live in `config/alerts.json`; `deploy/prometheus/skyport-rules.yml` holds the same rules in PromQL.
public struct AlertRule: Sendable, Equatable, Codable {
    public enum Comparison: String, Sendable, Codable {
        case above
        case below
    }

    /// `page` wakes someone up; `ticket` is for working hours.
    public enum Severity: String, Sendable, Codable, Comparable {
        case page
        case ticket

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .page && rhs == .ticket }
    }

    /// Unique, and a valid Prometheus alert name (`HighErrorRate`).
    public let name: String
    public let signal: MonitoringSignal
    /// Watches this module only; nil watches each module separately (per-module signals only).
    public let module: ServiceModule?
    /// How far back request signals look; nil for the others (default 5m for request signals).
    public let window: MonitoringDuration?
    public let comparison: Comparison
    public let threshold: Double
    /// How long the condition must hold before the alert fires (Prometheus's `for`).
    public let `for`: MonitoringDuration
    public let severity: Severity
    public let summary: String
    public let runbook: String

    public init(name: String, signal: MonitoringSignal, module: ServiceModule? = nil, window: MonitoringDuration? = nil,
                comparison: Comparison, threshold: Double, for duration: MonitoringDuration, severity: Severity,
                summary: String, runbook: String) {
        self.name = name
        self.signal = signal
        self.module = module
        self.window = window
        self.comparison = comparison
        self.threshold = threshold
        self.for = duration
        self.severity = severity
        self.summary = summary
        self.runbook = runbook
    }

    /// The window request signals are computed over.
    public var effectiveWindow: MonitoringDuration { window ?? MonitoringDuration(seconds: 300) }

    /// True when `value` is on the wrong side of the threshold.
    public func isBreached(by value: Double) -> Bool {
        switch comparison {
        case .above: value > threshold
        case .below: value < threshold
        }
    }

    /// What is wrong with the rule, in words (empty when it is sound).
    public var problems: [String] {
        var problems: [String] = []
        let nameIsValid = name.first.map { $0.isASCII && $0.isLetter } == true
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") } && name.count <= 80
        if !nameIsValid { problems.append("'\(name)': a name is a letter then letters, digits or _ (at most 80)") }
        if module != nil && !signal.isPerModule { problems.append("\(name): \(signal.rawValue) is not measured per module") }
        if window != nil && !signal.usesWindow { problems.append("\(name): \(signal.rawValue) has no window") }
        if let window, !(60...86_400).contains(window.seconds) { problems.append("\(name): a window is 1m to 1d") }
        if !threshold.isFinite { problems.append("\(name): the threshold is not a number") }
        if self.for.seconds > 86_400 { problems.append("\(name): 'for' is at most 1d") }
        if summary.isEmpty || summary.count > 200 { problems.append("\(name): a summary is 1 to 200 characters") }
        if !(runbook.hasPrefix("https://") || runbook.hasPrefix("http://") || runbook.hasPrefix("docs/")) {
            problems.append("\(name): the runbook is a link (https://...) or a file under docs/")
        }
        return problems
    }
}
