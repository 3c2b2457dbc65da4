import Foundation
import Logging
import Prediction
import SkyportDomain
import SkyportStore

/// Operations over one database: weather, disruptions and the engine that keeps them current.
public struct OperationsPlatform: Sendable {
    public let weather: WeatherService
    public let disruptions: DisruptionService
    public let engine: DisruptionEngine
    /// Rings when an airport has a new observation in this process.
    public let observed: WakeUpSignal

    public init(database: any Database, prediction: PredictionPlatform, policy: DisruptionPolicy, instance: String, logger: Logger,
                now: @escaping @Sendable () -> Int64) {
        let observed = WakeUpSignal()
        self.observed = observed
        weather = WeatherService(database: database, observed: observed, now: now)
        disruptions = DisruptionService(database: database, policy: policy, predictor: prediction.predictor, schedule: prediction.schedule,
                                        logger: logger, now: now)
        engine = DisruptionEngine(service: disruptions, database: database, observed: observed, instance: instance, logger: logger, now: now)
    }

    /// Reads a policy file (`config/disruption-policy.json`), refusing one that cannot be used with every reason.
    public static func policy(at path: String) throws -> DisruptionPolicy {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let policy: DisruptionPolicy
        do {
            policy = try JSONDecoder().decode(DisruptionPolicy.self, from: data)
        } catch {
            throw ServiceError(.invalid, code: "invalid_disruption_policy", message: "\(path) is not a disruption policy: \(error)")
        }
        let problems = policy.problems
        guard problems.isEmpty else {
            throw ServiceError(.invalid, code: "invalid_disruption_policy", message: "\(path): \(problems.joined(separator: "; "))")
        }
        return policy
    }
}
