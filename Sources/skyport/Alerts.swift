import ArgumentParser
import Foundation
import SkyportApp
import SkyportDomain

/// `skyport alerts`: check the command center's rules and write them for Prometheus.
struct Alerts: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The command center's alert rules and objectives (config/monitoring.json).",
        subcommands: [Check.self, PrometheusRules.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a monitoring configuration and list its rules; exits 1 with every problem.")

        @Argument(help: "The file (default config/monitoring.json).")
        var path = "config/monitoring.json"

        func run() throws {
            let monitoring = try SkyportRuntime.monitoring(at: path)
            for rule in monitoring.allRules {
                print("\(rule.name)\t\(rule.severity.rawValue)\t\(rule.signal.rawValue)\t\(rule.summary)")
            }
            print("\(path): \(monitoring.alerts.count) alert rules, \(monitoring.slos.count) objectives (\(monitoring.allRules.count) rules in all)")
        }
    }

    struct PrometheusRules: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prometheus-rules",
            abstract: "Print the same rules as a Prometheus rules file (what deploy/prometheus/skyport-rules.yml holds).")

        @Argument(help: "The file (default config/monitoring.json).")
        var path = "config/monitoring.json"

        func run() throws {
            print(PrometheusRuleFile.render(try SkyportRuntime.monitoring(at: path)), terminator: "")
        }
    }
}
