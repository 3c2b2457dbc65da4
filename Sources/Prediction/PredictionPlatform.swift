import Foundation
import Logging
import SkyportStore

/// The ML platform's services over one database: sources, registry, serving, prediction log and monitoring.
public struct PredictionPlatform: Sendable {
    public let registry: ModelRegistry
    public let history: HistoricalDepartureSource
    public let schedule: ScheduleDepartureSource
    public let log: PredictionLog
    public let predictor: DelayPredictor
    public let monitor: ModelMonitor

    public init(database: any Database, modelDirectory: URL?, logger: Logger, now: @escaping @Sendable () -> Int64) {
        registry = ModelRegistry(database: database, directory: modelDirectory)
        history = HistoricalDepartureSource(database: database)
        schedule = ScheduleDepartureSource(database: database)
        log = PredictionLog(database: database, logger: logger)
        predictor = DelayPredictor(registry: registry, sources: [schedule, history], log: log, now: now)
        monitor = ModelMonitor(database: database, registry: registry, sources: [schedule, history])
    }
}
