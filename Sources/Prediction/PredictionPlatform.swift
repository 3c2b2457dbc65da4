import Foundation
import Logging
import SkyportDomain
import SkyportStore

/// The ML platform's services over one database: the catalogue of model products, the registry, serving, the
/// prediction log, monitoring and training jobs.
public struct PredictionPlatform: Sendable {
    public let registry: ModelRegistry
    public let history: HistoricalDepartureSource
    /// The live schedule, supplied by the module that operates it (Operations' `ScheduleDepartureSource`).
    public let schedule: any DepartureSource
    public let log: PredictionLog
    /// The delay model's predictor (Operations acts on its predictions).
    public let predictor: DelayPredictor
    /// The cancellation-risk model's predictor (Operations acts on it too).
    public let cancellationRisk: CancellationRiskPredictor
    /// The engine-life model (Maintenance predicts its fleet with it).
    public let engineLife: EngineLifeModel
    /// The route-demand model (the command center's planning page reads it).
    public let demand: RouteDemandModel
    /// Every model product this instance trains, serves and monitors.
    public let catalog: ModelCatalog
    public let monitor: ModelMonitor
    /// Training through the API: queued jobs that this instance's runner takes one at a time.
    public let jobs: TrainingJobs
    let now: @Sendable () -> Int64

    /// `schedule` is the live schedule to predict and monitor; `instance` names this process in the jobs it takes;
    /// `additionalProducts` join the built-in ones (an airline's own product, or a test's).
    public init(database: any Database, modelDirectory: URL?, schedule: any DepartureSource, instance: String = Identifier.make(prefix: "inst", length: 12), logger: Logger,
                additionalProducts: [any ModelProduct] = [], now: @escaping @Sendable () -> Int64) {
        registry = ModelRegistry(database: database, directory: modelDirectory)
        history = HistoricalDepartureSource(database: database)
        self.schedule = schedule
        log = PredictionLog(database: database, logger: logger)
        predictor = DelayPredictor(registry: registry, sources: [schedule, history], log: log, now: now)
        cancellationRisk = CancellationRiskPredictor(registry: registry, sources: [schedule, history], log: log, now: now)
        engineLife = EngineLifeModel(registry: registry, log: log, now: now)
        demand = RouteDemandModel(database: database, registry: registry)
        // The products, one line each.
        catalog = ModelCatalog([
            DelayModel(predictor: predictor, history: history),
            CancellationRiskModel(predictor: cancellationRisk, history: history),
            engineLife,
            demand,
        ] + additionalProducts)
        monitor = ModelMonitor(database: database, registry: registry)
        jobs = TrainingJobs(database: database, registry: registry, catalog: catalog, instance: instance, logger: logger, now: now)
        self.now = now
    }

    /// How `product` stands: its champion and challenger with their test metrics, and the champion in service.
    public func overview(of product: any ModelProduct, days: Int = 7) async throws -> ModelOverview {
        try await ModelOverview.of(product, registry: registry, monitor: monitor, days: days, now: now())
    }
}
