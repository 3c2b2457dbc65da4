import Foundation

/// The command center's rules: alert rules and service level objectives (`config/monitoring.json`).
/// Each objective adds a fast and a slow burn-rate alert (see `BurnRate.windows`).
public struct MonitoringConfiguration: Sendable, Equatable, Codable {
    public let alerts: [AlertRule]
    public let slos: [ServiceLevelObjective]

    public init(alerts: [AlertRule], slos: [ServiceLevelObjective]) {
        self.alerts = alerts
        self.slos = slos
    }

    /// Reads and checks a configuration; the error lists every problem. With `modules`, a rule that watches a module
    /// the catalogue does not have is a problem too.
    public static func decode(_ data: Data, latencyBounds: [Double], modules: ServiceCatalogue? = nil) throws -> MonitoringConfiguration {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let configuration: MonitoringConfiguration
        do {
            configuration = try decoder.decode(MonitoringConfiguration.self, from: data)
        } catch {
            throw ConfigurationProblem(problems: ["not a monitoring configuration: \(error)"])
        }
        var problems = configuration.problems(latencyBounds: latencyBounds)
        if let modules {
            for rule in configuration.alerts {
                if let module = rule.module, !modules.contains(module) {
                    problems.append("\(rule.name): '\(module)' is not a module; the modules are \(modules.modules.map(\.rawValue).joined(separator: ", "))")
                }
            }
        }
        guard problems.isEmpty else { throw ConfigurationProblem(problems: problems) }
        return configuration
    }

    public struct ConfigurationProblem: Error, Sendable, CustomStringConvertible {
        public let problems: [String]
        public var description: String { problems.joined(separator: "; ") }
    }

    public func problems(latencyBounds: [Double]) -> [String] {
        var problems = alerts.flatMap(\.problems) + slos.flatMap { $0.problems(latencyBounds: latencyBounds) }
        problems += alerts.filter { $0.signal == .sloBurnRate }.map { "\($0.name): slo_burn_rate alerts come from the slos" }
        let names = allRules.map(\.name)
        for name in Set(names) where names.filter({ $0 == name }).count > 1 { problems.append("\(name): two rules have this name") }
        let objectives = slos.map(\.name)
        for name in Set(objectives) where objectives.filter({ $0 == name }).count > 1 { problems.append("\(name): two objectives have this name") }
        return problems
    }

    /// The configured alerts, then each objective's burn-rate alerts.
    public var allRules: [AlertRule] { alerts + slos.flatMap(\.burnRateRules) }

    /// The objective a burn-rate rule was made from.
    public func objective(of rule: AlertRule) -> (ServiceLevelObjective, BurnRate.Window)? {
        for slo in slos {
            for window in BurnRate.windows where slo.burnRateRuleName(window) == rule.name { return (slo, window) }
        }
        return nil
    }
}

extension ServiceLevelObjective {
    /// `SLOBurnOrderAvailabilityFast` for `order-availability` and the fast window.
    public func burnRateRuleName(_ window: BurnRate.Window) -> String {
        "SLOBurn" + name.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined() + window.name.capitalized
    }

    /// The alerts that watch this objective: the budget burning `factor` times too fast over both windows.
    public var burnRateRules: [AlertRule] {
        BurnRate.windows.map { window in
            AlertRule(name: burnRateRuleName(window), signal: .sloBurnRate, comparison: .above, threshold: window.factor,
                      for: MonitoringDuration(seconds: 0), severity: window.severity,
                      summary: "\(method) \(route) spends its \(kind.rawValue) error budget \(MonitoringNumber.format(window.factor))x too fast (\(window.long) and \(window.short))",
                      runbook: runbook)
        }
    }
}

/// Numbers as rules and PromQL write them: `0.001`, `14.4`, `1000`.
public enum MonitoringNumber {
    public static func format(_ value: Double) -> String { String(format: "%g", value) }
}
