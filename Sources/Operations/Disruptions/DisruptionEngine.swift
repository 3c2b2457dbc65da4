import Logging
import SQLKit
import SkyportDomain
import SkyportStore

/// The background service that keeps disruptions current: it rescores the departures from an airport as
/// soon as the airport has a new observation (told by `WeatherService` in this process, found by polling
/// in others) and every departure ahead at least every `rescoreIntervalSeconds`. One instance works at a
/// time (a lease in the database); the others take over when it stops.
public struct DisruptionEngine: Sendable {
    let service: DisruptionService
    let database: any Database
    let observed: WakeUpSignal
    let lease: WorkLease
    let logger: Logger
    let now: @Sendable () -> Int64
    /// How often observations stored by other instances are looked for, in seconds.
    let pollSeconds: Double

    public init(service: DisruptionService, database: any Database, observed: WakeUpSignal, instance: String, logger: Logger,
                now: @escaping @Sendable () -> Int64, pollSeconds: Double = 5) {
        self.service = service
        self.database = database
        self.observed = observed
        lease = WorkLease(database: database, name: "disruption-engine", holder: instance, seconds: 60)
        self.logger = logger
        self.now = now
        self.pollSeconds = pollSeconds
    }

    /// Runs until the task is cancelled.
    public func run() async {
        var lastFullPass: Int64?
        var cursor = now()
        var missingModelReported = false
        while !Shutdown.isRequested {
            let wake = await Shutdown.waiting { [observed, pollSeconds] in await observed.wait(seconds: pollSeconds) }
            if Shutdown.isRequested { break }
            do {
                guard try await lease.acquire(now: now()) else { continue }
                let upTo = now() - 1
                var airports = wake.keys
                if upTo > cursor {
                    airports.formUnion(try await airportsObserved(after: cursor, upTo: upTo))
                    cursor = upTo
                }
                let started = now()
                if lastFullPass.map({ started - $0 >= Int64(service.policy.rescoreIntervalSeconds) }) ?? true {
                    // Log the periodic passes for monitoring, not the extra ones an observation triggers.
                    let summary = try await service.assessUpcoming(logged: true)
                    lastFullPass = started
                    report(summary, scope: "all")
                } else if !airports.isEmpty {
                    report(try await service.assessUpcoming(airports: airports), scope: airports.sorted().joined(separator: ","))
                }
                missingModelReported = false
            } catch let error as ServiceError where error.code == .modelNotFound {
                if !missingModelReported {
                    logger.warning("disruption engine idle: no champion delay model (train one with `skyport train delay --promote champion`)")
                    missingModelReported = true
                }
            } catch {
                logger.error("disruption engine pass failed", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
        try? await lease.release()
    }

    func report(_ summary: DisruptionService.PassSummary, scope: String) {
        let changed = summary.opened + summary.raised + summary.lowered + summary.updated + summary.closed
        logger.log(level: changed > 0 ? .info : .debug, "disruption pass", metadata: [
            "scope": "\(scope)", "scored": "\(summary.scored)", "opened": "\(summary.opened)", "raised": "\(summary.raised)",
            "lowered": "\(summary.lowered)", "updated": "\(summary.updated)", "closed": "\(summary.closed)",
        ])
    }

    /// Airports with observations received in `(after, upTo]`.
    func airportsObserved(after: Int64, upTo: Int64) async throws -> Set<String> {
        try await database.read { sql in try await WeatherStore.stations(receivedAfter: after, upTo: upTo, on: sql) }
    }
}
