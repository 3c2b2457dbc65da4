import Foundation
import SkyportDomain
import Testing

@Suite struct AlertStateTests {
    let rule = AlertRule(name: "HighErrorRate", signal: .httpErrorRatio, comparison: .above, threshold: 0.05,
                         for: MonitoringDuration(seconds: 300), severity: .page, summary: "errors", runbook: "docs/runbooks.md")

    @Test func aBreachIsPendingThenFiresOnceItHeldForTheDurationThenResolves() {
        var state = AlertState()
        #expect(state.evaluate(value: 0.2, rule: rule, now: 1000) == .pending)
        #expect(state.phase == .pending && state.activeSince == 1000)
        #expect(state.evaluate(value: 0.3, rule: rule, now: 1299) == nil)
        #expect(state.phase == .pending)
        #expect(state.evaluate(value: 0.3, rule: rule, now: 1300) == .firing)
        #expect(state.phase == .firing && state.firingSince == 1300 && state.activeSince == 1000)
        #expect(state.evaluate(value: 0.4, rule: rule, now: 1400) == nil)
        #expect(state.evaluate(value: 0.01, rule: rule, now: 1500) == .resolved)
        #expect(state.phase == .inactive && state.activeSince == nil)
    }

    @Test func aBreachThatEndsBeforeTheDurationIsClearedWithoutFiring() {
        var state = AlertState()
        #expect(state.evaluate(value: 0.2, rule: rule, now: 0) == .pending)
        #expect(state.evaluate(value: 0.05, rule: rule, now: 200) == .cleared)  // at the threshold is not above it
        #expect(state.phase == .inactive)
        #expect(state.evaluate(value: 0.2, rule: rule, now: 250) == .pending)
        #expect(state.activeSince == 250)  // a new breach counts its duration from its own start
    }

    @Test func noDataIsNotABreach() {
        var state = AlertState()
        #expect(state.evaluate(value: 0.2, rule: rule, now: 0) == .pending)
        #expect(state.evaluate(value: 0.2, rule: rule, now: 300) == .firing)
        #expect(state.evaluate(value: nil, rule: rule, now: 360) == .resolved)
        #expect(state.evaluate(value: nil, rule: rule, now: 420) == nil)
    }

    @Test func withoutADurationItFiresAtOnceAndBelowRulesCompareDownwards() {
        let ready = AlertRule(name: "ModuleNotReady", signal: .moduleReady, comparison: .below, threshold: 1, for: MonitoringDuration(seconds: 0),
                              severity: .page, summary: "down", runbook: "docs/runbooks.md")
        var state = AlertState()
        #expect(state.evaluate(value: 1, rule: ready, now: 0) == nil)
        #expect(state.evaluate(value: 0, rule: ready, now: 10) == .firing)
        #expect(state.evaluate(value: 1, rule: ready, now: 20) == .resolved)
    }
}

@Suite struct BurnRateTests {
    @Test func theBurnRateIsTheBadShareOverTheBudget() {
        #expect(abs(BurnRate.rate(badShare: 0.0144, objective: 0.999) - 14.4) < 1e-9)
        #expect(abs(BurnRate.rate(badShare: 0.001, objective: 0.999) - 1) < 1e-9)
        #expect(BurnRate.rate(badShare: 0, objective: 0.99) == 0)
    }

    @Test func theBudgetLeftCountsBadRequestsAgainstTheAllowance() {
        // 0.1% allowed of 100,000 requests is 100; 25 bad leaves 75%, 100 leaves nothing, 150 overspends by half.
        #expect(abs(BurnRate.budgetRemaining(bad: 25, total: 100_000, objective: 0.999) - 0.75) < 1e-9)
        #expect(abs(BurnRate.budgetRemaining(bad: 100, total: 100_000, objective: 0.999)) < 1e-9)
        #expect(abs(BurnRate.budgetRemaining(bad: 150, total: 100_000, objective: 0.999) + 0.5) < 1e-9)
        #expect(BurnRate.budgetRemaining(bad: 0, total: 0, objective: 0.999) == 1)
    }

    @Test func anAlertNeedsBothWindowsBurningFasterThanItsFactor() {
        let fast = BurnRate.windows[0]
        #expect(fast.name == "fast" && fast.factor == 14.4 && fast.long.seconds == 3600 && fast.short.seconds == 300)
        // 2% of a 30-day budget in the hour, as the SRE workbook puts it.
        #expect(abs(fast.budgetSpentOverLongWindow - 0.02) < 1e-9)
        #expect(abs(BurnRate.windows[1].budgetSpentOverLongWindow - 0.05) < 1e-9)
        #expect(BurnRate.isBurning(fast, longBadShare: 0.02, shortBadShare: 0.03, objective: 0.999))
        // The problem ended: the short window stops the page although the hour still looks bad.
        #expect(!BurnRate.isBurning(fast, longBadShare: 0.02, shortBadShare: 0.001, objective: 0.999))
        // A short spike alone does not page.
        #expect(!BurnRate.isBurning(fast, longBadShare: 0.005, shortBadShare: 0.5, objective: 0.999))
        #expect(!BurnRate.isBurning(fast, longBadShare: nil, shortBadShare: 0.5, objective: 0.999))
    }
}

@Suite struct LatencyHistogramTests {
    @Test func quantilesInterpolateInsideTheirBucketAsPromQLDoes() {
        var histogram = LatencyHistogram(bounds: [0.1, 0.5, 1])
        for _ in 0..<90 { histogram.record(seconds: 0.05) }
        for _ in 0..<10 { histogram.record(seconds: 0.3) }
        #expect(histogram.counts == [90, 10, 0, 0])
        // Rank 50 of 90 in [0, 0.1]; rank 99 is 9 of 10 into [0.1, 0.5].
        #expect(abs(histogram.quantile(0.5)! - 0.1 * 50 / 90) < 1e-12)
        #expect(abs(histogram.quantile(0.99)! - (0.1 + 0.4 * 0.9)) < 1e-12)
        #expect(histogram.count(atOrBelow: 0.1) == 90 && histogram.count(atOrBelow: 0.5) == 100)
        histogram.record(seconds: 7)
        #expect(histogram.quantile(1) == 1)  // past the last bound: the last bound
        #expect(LatencyHistogram().quantile(0.99) == nil)
    }
}

@Suite struct MonitoringConfigurationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func shipped() throws -> MonitoringConfiguration {
        try MonitoringConfiguration.decode(Data(contentsOf: Self.root.appendingPathComponent("config/monitoring.json")),
                                           latencyBounds: LatencyHistogram.standardBounds)
    }

    @Test func theShippedRulesCoverWhatTheIssueAsksFor() throws {
        let configuration = try shipped()
        let signals = Set(configuration.alerts.map(\.signal))
        #expect(signals.isSuperset(of: [.httpErrorRatio, .httpLatencyP99, .moduleReady, .outboxBacklog, .notificationBacklog, .modelDrift,
                                        .predictedDelayShare]))
        #expect(configuration.slos.contains { $0.kind == .availability } && configuration.slos.contains { $0.kind == .latency })
        #expect(configuration.allRules.count == configuration.alerts.count + 2 * configuration.slos.count)
    }

    /// The Prometheus rules file is the same rules: a change to one without the other fails here
    /// (`make prometheus-rules` writes it again).
    @Test func thePrometheusRulesFileIsMadeFromTheSameConfiguration() throws {
        let committed = try String(contentsOf: Self.root.appendingPathComponent("deploy/prometheus/skyport-rules.yml"), encoding: .utf8)
        #expect(committed == PrometheusRuleFile.render(try shipped()))
    }

    @Test func theRulesFileSaysInPromQLWhatSkyportComputes() {
        let rule = AlertRule(name: "BookingErrors", signal: .httpErrorRatio, module: .booking, window: MonitoringDuration("10m"),
                             comparison: .above, threshold: 0.02, for: MonitoringDuration(seconds: 60), severity: .ticket, summary: "s", runbook: "docs/x.md")
        #expect(PrometheusRuleFile.expression(of: rule) == #"sum by (module) (rate(skyport_http_requests_total{module="booking", status=~"5.."}[10m])) / sum by (module) (rate(skyport_http_requests_total{module="booking"}[10m])) > 0.02"#)
        let slo = ServiceLevelObjective(name: "order-latency", kind: .latency, method: "POST", route: "/v1/orders", objective: 0.99,
                                        thresholdSeconds: 1, runbook: "docs/x.md")
        #expect(PrometheusRuleFile.badShare(slo, MonitoringDuration(seconds: 300)) == #"(1 - sum(rate(skyport_http_request_duration_seconds_bucket{method="POST", route="/v1/orders", le="1.0"}[5m])) / sum(rate(skyport_http_request_duration_seconds_count{method="POST", route="/v1/orders"}[5m])))"#)
        #expect(PrometheusRuleFile.burnExpression(slo, BurnRate.windows[0]).hasSuffix("> (14.4 * 0.01)"))
    }

    @Test func aBadConfigurationIsRefusedWithEveryProblem() {
        let json = """
            {"alerts": [
              {"name": "1bad", "signal": "outbox_backlog", "module": "booking", "window": "5m", "comparison": "above", "threshold": 1,
               "for": "5m", "severity": "page", "summary": "x", "runbook": "ftp://x"},
              {"name": "Twice", "signal": "cdp_lag_seconds", "comparison": "above", "threshold": 1, "for": "5m", "severity": "page", "summary": "x", "runbook": "docs/a.md"},
              {"name": "Twice", "signal": "cdp_lag_seconds", "comparison": "above", "threshold": 1, "for": "5m", "severity": "page", "summary": "x", "runbook": "docs/a.md"}
            ], "slos": [
              {"name": "Search", "kind": "latency", "method": "POST", "route": "/v1/offer-requests", "objective": 1.5, "threshold_seconds": 0.3,
               "period": "28d", "runbook": "docs/a.md"}
            ]}
            """
        #expect {
            try MonitoringConfiguration.decode(Data(json.utf8), latencyBounds: LatencyHistogram.standardBounds)
        } throws: { error in
            let problems = (error as? MonitoringConfiguration.ConfigurationProblem)?.problems ?? []
            return problems.contains { $0.contains("'1bad'") } && problems.contains { $0.contains("not measured per module") }
                && problems.contains { $0.contains("has no window") } && problems.contains { $0.contains("runbook") }
                && problems.contains { $0.contains("Twice: two rules") } && problems.contains { $0.contains("objective is between") }
                && problems.contains { $0.contains("histogram's bounds") } && problems.contains { $0.contains("lower case") }
        }
        #expect(throws: MonitoringConfiguration.ConfigurationProblem.self) {
            try MonitoringConfiguration.decode(Data(#"{"alerts": [{"name": "X", "for": "five minutes"}], "slos": []}"#.utf8), latencyBounds: [])
        }
    }

    @Test func durationsReadAndWriteAsPrometheusDoes() {
        #expect(MonitoringDuration("90s")?.seconds == 90 && MonitoringDuration("5m")?.seconds == 300 && MonitoringDuration("3d")?.seconds == 259_200)
        #expect(MonitoringDuration("5 m") == nil && MonitoringDuration("m") == nil && MonitoringDuration("-1m") == nil)
        #expect(MonitoringDuration(seconds: 3600).description == "1h" && MonitoringDuration(seconds: 90).description == "90s")
        #expect(MonitoringDuration(seconds: 0).description == "0s")
    }
}
