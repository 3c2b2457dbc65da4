import Accounting
import Booking
import Foundation
import Operations
import Prediction
import SQLKit
import SkyportDomain
import SkyportStore
import Synchronization

/// Builds the command center's snapshot for a time range. A snapshot is kept for a few seconds and shared
/// by every operator's page and stream, so that a wall of screens costs the database one read per range.
public final class CommandCenterBoard: Sendable {
    let database: any Database
    let traffic: TrafficHistory
    let instances: InstanceDirectory
    let alerts: AlertBook
    let reader: SignalReader
    let configuration: MonitoringConfiguration
    let operations: OperationsPlatform
    /// The modules the board has a card for, in order.
    public let catalogue: ServiceCatalogue
    let figures: @Sendable () -> OperationalFigures?
    let now: @Sendable () -> Int64
    let freshSeconds: Int64
    private let cache = Mutex<[BoardRange: BoardSnapshot]>([:])

    public init(database: any Database, traffic: TrafficHistory, instances: InstanceDirectory, alerts: AlertBook, reader: SignalReader,
                configuration: MonitoringConfiguration, operations: OperationsPlatform, catalogue: ServiceCatalogue, figures: @escaping @Sendable () -> OperationalFigures?,
                freshSeconds: Int64 = 5, now: @escaping @Sendable () -> Int64) {
        self.database = database
        self.traffic = traffic
        self.instances = instances
        self.alerts = alerts
        self.reader = reader
        self.configuration = configuration
        self.operations = operations
        self.catalogue = catalogue
        self.figures = figures
        self.freshSeconds = freshSeconds
        self.now = now
    }

    /// The snapshot of `range`, measured within the last few seconds.
    public func snapshot(_ range: BoardRange) async throws -> BoardSnapshot {
        let now = self.now()
        if let cached = cache.withLock({ $0[range] }), now - cached.now < freshSeconds { return cached }
        let snapshot = try await measure(range, now: now)
        cache.withLock { $0[range] = snapshot }
        return snapshot
    }

    func measure(_ range: BoardRange, now: Int64) async throws -> BoardSnapshot {
        let since = range.since(now: now), until = now + range.resolution.seconds
        let known = try await instances.recent(now: now)
        let routes = try await traffic.routes(since: since, until: until, resolution: range.resolution)
        let totals = TrafficHistory.byModule(routes)
        let series = try await traffic.seriesByModule(since: since, until: until, resolution: range.resolution, step: range.step)
        var services: [BoardSnapshot.Service] = []
        for (module, title) in catalogue.entries.map({ ($0.module, $0.title) }) {
            let running = known.filter { $0.services.contains(module) }
            let live = running.filter { $0.isLive(now: now) }
            let healths = live.compactMap { $0.health[module] }
            let worst = healths.first { $0.status == .notReady } ?? healths.first { $0.status == .degraded } ?? healths.first
            services.append(BoardSnapshot.Service(module: module, title: title, liveInstances: live.count, knownInstances: running.count,
                                                  health: running.isEmpty ? nil : worst ?? ModuleHealth(.notReady, "no live instance"),
                                                  totals: totals[module.rawValue] ?? TrafficCounts(), series: series[module.rawValue] ?? []))
        }
        return BoardSnapshot(
            range: range, now: now, since: since, services: services, instances: known,
            business: try await business(since: since, now: now, step: range.step), figures: figures(),
            weather: try await operations.weather.latest(), disruptions: try await operations.disruptions.list(status: "open", limit: 50),
            deliveries: try await deliveries(since: since), alerts: try await alerts.active(),
            alertHistory: try await alerts.history(since: now - 7 * 86_400, limit: 20),
            objectives: try await ObjectiveReport.measure(configuration, reader: reader, traffic: traffic, now: now), routes: routes)
    }

    func business(since: Int64, now: Int64, step: Int64) async throws -> BoardSnapshot.Business {
        try await database.read { sql in
            let series = try await BookingFiguresStore.ordersPerStep(since: since, step: step, on: sql)
            let bookings = try await BookingFiguresStore.totals(since: since, on: sql)
            return BoardSnapshot.Business(
                orders: bookings.orders, seatsSold: bookings.seatsSold, cancellations: bookings.cancellations, rebookings: bookings.rebookings,
                sold: bookings.revenue, earned: try await AccountingFiguresStore.earned(since: since, on: sql), ordersSeries: series, loadFactor: try await BookingFiguresStore.loadFactor(from: now, on: sql),
                predictionsServed: try await PredictionFiguresStore.served(since: since, on: sql))
        }
    }

    func deliveries(since: Int64) async throws -> [BoardSnapshot.Delivery] {
        let byChannel = try await database.read { sql in try await OperationsFiguresStore.attempts(since: since, on: sql) }
        return byChannel.keys.sorted().map { channel in
            let outcomes = byChannel[channel]!
            return BoardSnapshot.Delivery(channel: channel, delivered: outcomes["delivered"] ?? 0, failed: outcomes["failed"] ?? 0, dead: outcomes["dead"] ?? 0)
        }
    }
}
