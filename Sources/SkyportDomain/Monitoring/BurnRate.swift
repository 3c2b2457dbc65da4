/// Error-budget arithmetic and the multi-window burn-rate alerts of Google's SRE workbook (chapter 5):
/// an alert fires when the budget burns `factor` times faster than the period allows over a long window
/// and still does over a short one (so that it resets soon after the problem ends).
public enum BurnRate {
    /// One pair of windows and how fast the budget must burn over both.
    public struct Window: Sendable, Equatable {
        /// `fast` or `slow`: the name's suffix.
        public let name: String
        public let long: MonitoringDuration
        public let short: MonitoringDuration
        public let factor: Double
        public let severity: AlertRule.Severity

        public init(name: String, long: MonitoringDuration, short: MonitoringDuration, factor: Double, severity: AlertRule.Severity) {
            self.name = name
            self.long = long
            self.short = short
            self.factor = factor
            self.severity = severity
        }

        /// Share of a 30-day budget spent when the condition holds for the whole long window.
        public var budgetSpentOverLongWindow: Double { factor * Double(long.seconds) / (30 * 86_400) }
    }

    /// The workbook's two paging alerts: 2% of a 30-day budget in an hour, 5% in six hours.
    public static let windows: [Window] = [
        Window(name: "fast", long: MonitoringDuration(seconds: 3600), short: MonitoringDuration(seconds: 300), factor: 14.4, severity: .page),
        Window(name: "slow", long: MonitoringDuration(seconds: 6 * 3600), short: MonitoringDuration(seconds: 1800), factor: 6, severity: .page),
    ]

    /// How many times faster than allowed the budget burns when `badShare` of requests are bad.
    public static func rate(badShare: Double, objective: Double) -> Double {
        badShare / (1 - objective)
    }

    /// The budget left over a period with `bad` of `total` requests bad: 1 is untouched, 0 spent, below 0 overspent.
    /// A period without requests has its whole budget.
    public static func budgetRemaining(bad: Int, total: Int, objective: Double) -> Double {
        guard total > 0 else { return 1 }
        return 1 - (Double(bad) / Double(total)) / (1 - objective)
    }

    /// True when both windows burn faster than the window's factor (a window without requests never does).
    public static func isBurning(_ window: Window, longBadShare: Double?, shortBadShare: Double?, objective: Double) -> Bool {
        guard let longBadShare, let shortBadShare else { return false }
        return rate(badShare: longBadShare, objective: objective) > window.factor
            && rate(badShare: shortBadShare, objective: objective) > window.factor
    }
}
