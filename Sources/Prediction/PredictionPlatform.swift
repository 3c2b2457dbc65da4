import Foundation
import Logging
import SkyportDomain
import SkyportStore

/// The ML platform's services over one database: sources, registry, serving, prediction log and monitoring.
public struct PredictionPlatform: Sendable {
    public let registry: ModelRegistry
    public let history: HistoricalDepartureSource
    /// The live schedule, supplied by the module that operates it (Operations' `ScheduleDepartureSource`).
    public let schedule: any DepartureSource
    public let log: PredictionLog
    public let predictor: DelayPredictor
    public let monitor: ModelMonitor
    /// Training through the API: queued jobs that this instance's runner takes one at a time.
    public let jobs: TrainingJobs

    /// `schedule` is the live schedule to predict and monitor; `instance` names this process in the jobs it takes.
    public init(database: any Database, modelDirectory: URL?, schedule: any DepartureSource, instance: String = Identifier.make(prefix: "inst", length: 12), logger: Logger,
                now: @escaping @Sendable () -> Int64) {
        registry = ModelRegistry(database: database, directory: modelDirectory)
        history = HistoricalDepartureSource(database: database)
        self.schedule = schedule
        log = PredictionLog(database: database, logger: logger)
        predictor = DelayPredictor(registry: registry, sources: [schedule, history], log: log, now: now)
        monitor = ModelMonitor(database: database, registry: registry, sources: [schedule, history])
        jobs = TrainingJobs(database: database, registry: registry, source: history, instance: instance, logger: logger, now: now)
    }
}
