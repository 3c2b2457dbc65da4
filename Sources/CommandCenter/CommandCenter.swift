import Foundation
import Logging
import Operations
import Prediction
import SkyportDomain
import SkyportStore

/// The command center: every instance's request figures and health written to the database, the
/// business and background-work figures, the alerts and objectives, and the board the `/ops` page shows.
public final class CommandCenter: Sendable {
    public let configuration: MonitoringConfiguration
    public let recorder: TrafficRecorder
    public let traffic: TrafficHistory
    public let instances: InstanceDirectory
    public let alerts: AlertBook
    public let engine: AlertEngine
    public let reader: SignalReader
    public let board: CommandCenterBoard
    let sampler: FiguresSampler
    let database: any Database
    let lease: WorkLease
    let logger: Logger
    let now: @Sendable () -> Int64
    private let latest = LatestFigures()

    /// Seconds between two writes of this instance's figures and health.
    public static let heartbeatSeconds = 10.0
    /// Seconds between two evaluations of the alerts.
    public static let evaluationSeconds = 15.0

    public init(database: any Database, configuration: MonitoringConfiguration, prediction: PredictionPlatform, operations: OperationsPlatform,
                catalogue: ServiceCatalogue, instance: String, webhook: AlertWebhook?, publicURL: String, logger: Logger, now: @escaping @Sendable () -> Int64) {
        self.database = database
        self.configuration = configuration
        self.logger = logger
        self.now = now
        recorder = TrafficRecorder(database: database, instance: instance, logger: logger, now: now)
        traffic = TrafficHistory(database: database)
        instances = InstanceDirectory(database: database)
        alerts = AlertBook(database: database, configuration: configuration)
        engine = AlertEngine(database: database, configuration: configuration, webhook: webhook, publicURL: publicURL, logger: logger)
        reader = SignalReader(traffic: traffic, instances: instances, configuration: configuration)
        sampler = FiguresSampler(database: database, prediction: prediction, logger: logger)
        lease = WorkLease(database: database, name: "command-center-alerts", holder: instance, seconds: 60)
        board = CommandCenterBoard(database: database, traffic: traffic, instances: instances, alerts: alerts, reader: reader,
                                   configuration: configuration, operations: operations, catalogue: catalogue, figures: { [latest] in latest.figures }, now: now)
    }

    /// The figures measured last (nil before the first measurement).
    public var figures: OperationalFigures? { latest.figures }

    /// Writes this instance's request figures and health every few seconds until cancelled, then once more,
    /// and takes the instance off the list.
    public func runInstance(services: Set<ServiceModule>, host: String, health: @escaping @Sendable () async -> [ServiceModule: ModuleHealth]) async {
        let started = now()
        var lastPrune: Int64 = 0
        while !Shutdown.isRequested {
            await heartbeat(services: services, host: host, startedAt: started, health: health)
            if now() - lastPrune >= 3600 {
                lastPrune = now()
                do {
                    try await recorder.prune(now: lastPrune)
                    try await instances.prune(now: lastPrune)
                    try await engine.prune(now: lastPrune)
                } catch {
                    logger.warning("could not prune request figures, instances or alert history", metadata: ["module": "ops-center", "error": "\(error)"])
                }
            }
            await Shutdown.pause(for: .seconds(Self.heartbeatSeconds))
        }
        // Shutting down: what was counted since the last write is not lost.
        let recorder = self.recorder, instances = self.instances, now = self.now
        await Task {
            try? await recorder.flush(now: now())
            try? await instances.leave(id: recorder.instance)
        }.value
    }

    func heartbeat(services: Set<ServiceModule>, host: String, startedAt: Int64, health: @Sendable () async -> [ServiceModule: ModuleHealth]) async {
        do {
            try await recorder.flush(now: now())
            try await instances.heartbeat(id: recorder.instance, services: services, host: host, startedAt: startedAt, health: await health(), now: now())
        } catch {
            logger.warning("could not write this instance's figures", metadata: ["module": "ops-center", "error": "\(error)"])
        }
    }

    /// Measures the figures and evaluates the alerts every few seconds until cancelled (the ops-center's work).
    /// Every ops-center instance measures, for its page and its `/metrics`; one at a time evaluates the alerts.
    public func runEvaluations(publish: @escaping @Sendable (OperationalFigures, [ServiceModule: Double]) -> Void) async {
        while !Shutdown.isRequested {
            await evaluateOnce(publish: publish)
            await Shutdown.pause(for: .seconds(Self.evaluationSeconds))
        }
        try? await Task { [lease] in try await lease.release() }.value
    }

    /// One measurement and, when this instance holds the lease, one evaluation and delivery.
    public func evaluateOnce(publish: @Sendable (OperationalFigures, [ServiceModule: Double]) -> Void = { _, _ in }) async {
        let now = self.now()
        do {
            let previous = latest.figures, modelSampledAt = latest.modelSampledAt
            let (figures, modelSampled) = try await sampler.sample(now: now, previous: previous, lastModelSample: modelSampledAt)
            latest.store(figures, modelSampledAt: modelSampled ? now : modelSampledAt)
            let readiness = InstanceDirectory.readiness(of: try await instances.recent(now: now), now: now)
            publish(figures, readiness)
            guard try await lease.acquire(now: now) else { return }
            let readings = try await reader.read(now: now, figures: figures, readiness: readiness)
            for change in try await engine.evaluate(readings, now: now) where change.transition == .firing || change.transition == .resolved {
                logger.notice("alert \(change.transition.rawValue)", metadata: [
                    "module": "ops-center", "alert": "\(change.rule)", "labels": "\(change.labels)", "value": "\(change.value.map { "\($0)" } ?? "none")",
                ])
            }
            try await engine.deliverDue(now: now)
        } catch {
            logger.warning("could not evaluate the alerts", metadata: ["module": "ops-center", "error": "\(error)"])
        }
    }
}
