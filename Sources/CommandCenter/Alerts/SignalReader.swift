import SkyportDomain

/// Reads every rule's signal: request figures from `TrafficHistory`, readiness from the instances, the rest
/// from the latest `OperationalFigures`. Request windows end now and start on a minute boundary, as the
/// figures are kept per minute.
public struct SignalReader: Sendable {
    let traffic: TrafficHistory
    let instances: InstanceDirectory
    let configuration: MonitoringConfiguration

    public init(traffic: TrafficHistory, instances: InstanceDirectory, configuration: MonitoringConfiguration) {
        self.traffic = traffic
        self.instances = instances
        self.configuration = configuration
    }

    /// `readiness` per module when the caller has just measured it (otherwise it is read from the instances).
    public func read(now: Int64, figures: OperationalFigures?, readiness known: [ServiceModule: Double]? = nil) async throws -> SignalReadings {
        var readings = SignalReadings()
        var byWindow: [Int: [String: TrafficCounts]] = [:]
        func modules(over window: MonitoringDuration) async throws -> [String: TrafficCounts] {
            if let known = byWindow[window.seconds] { return known }
            let since = TrafficResolution.minute.periodStart(of: now - Int64(window.seconds) + 60)
            let totals = try await traffic.modules(since: since, until: now + 60, resolution: .minute)
            byWindow[window.seconds] = totals
            return totals
        }
        let readiness: [ServiceModule: Double]
        if let known { readiness = known } else { readiness = InstanceDirectory.readiness(of: try await instances.recent(now: now), now: now) }
        for rule in configuration.alerts {
            switch rule.signal {
            case .httpErrorRatio, .httpLatencyP99:
                for (module, counts) in try await modules(over: rule.effectiveWindow) {
                    guard rule.module == nil || rule.module?.rawValue == module else { continue }
                    let value = rule.signal == .httpErrorRatio ? counts.serverErrorShare : counts.p99Seconds
                    readings.set(rule.name, AlertLabels([("module", module)]), value)
                }
            case .moduleReady:
                for (module, ready) in readiness where rule.module == nil || rule.module == module {
                    readings.set(rule.name, AlertLabels([("module", module.rawValue)]), ready)
                }
            case .outboxBacklog, .notificationBacklog, .cdpLag, .modelDrift, .predictedDelayShare:
                readings.set(rule.name, AlertLabels(), figures?.value(of: rule.signal))
            case .sloBurnRate:
                break
            }
        }
        for slo in configuration.slos {
            for window in BurnRate.windows {
                let burn = try await ObjectiveReport.Burn.measure(slo, window, reader: self, now: now)
                readings.set(slo.burnRateRuleName(window), AlertLabels([("slo", slo.name)]), burn.alertRate)
            }
        }
        return readings
    }

    /// The share of the objective's requests that were bad over the window ending now; nil without requests.
    public func badShare(_ slo: ServiceLevelObjective, _ window: MonitoringDuration, now: Int64) async throws -> Double? {
        let resolution: TrafficResolution = window.seconds > 2 * 86_400 ? .hour : .minute
        let since = resolution.periodStart(of: now - Int64(window.seconds) + resolution.seconds)
        let counts = try await traffic.route(method: slo.method, route: slo.route, since: since, until: now + resolution.seconds, resolution: resolution)
        return ObjectiveArithmetic.badShare(slo, counts)
    }
}
