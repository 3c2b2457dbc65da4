import Foundation
import Logging
import SkyportStore

extension TrainingJobs {
    /// Jobs that train the delay model alone, from `history` (a platform with every product has `PredictionPlatform.jobs`).
    public init(database: any Database, registry: ModelRegistry, source history: any DepartureSource, instance: String, logger: Logger,
                now: @escaping @Sendable () -> Int64) {
        let predictor = DelayPredictor(registry: registry, sources: [history], log: PredictionLog(database: database, logger: logger), now: now)
        self.init(database: database, registry: registry, catalog: ModelCatalog([DelayModel(predictor: predictor, history: history)]),
                  instance: instance, logger: logger, now: now)
    }

    /// Queues a delay-model job with this configuration.
    public func start(_ configuration: TrainingConfiguration, promote alias: String?, requestedBy: String) async throws -> Job {
        try await start(try catalog.require(DelayModel.name.rawValue), configuration: try JSONDocument(configuration), promote: alias,
                        requestedBy: requestedBy)
    }
}
