import CommandCenter
import Foundation
import Hummingbird
import SkyportDomain

/// The command center's JSON, for operators and their tools (the `/ops` page shows the same).
///
/// - `GET /v1/ops/alerts`: alerts pending or firing now, and the history of the last `hours` (1 to 168, default 24).
/// - `GET /v1/ops/slos`: every objective with its error budget left and burn rates.
/// - `GET /v1/ops/instances`: the instances of the last day, what they serve and their health.
/// - `GET /v1/ops/rules`: the alert rules and objectives in force.
public struct CommandCenterController: Sendable {
    let center: CommandCenter
    let access: OperatorAccess
    let now: @Sendable () -> Int64

    public init(center: CommandCenter, access: OperatorAccess, now: @escaping @Sendable () -> Int64) {
        self.center = center
        self.access = access
        self.now = now
    }

    struct Alerts: Encodable, Sendable {
        let active: [AlertBook.Active]
        let history: [AlertBook.Event]
    }

    struct Instance: Encodable, Sendable {
        let id: String
        let services: [String]
        let host: String
        let startedAt: UTCInstant
        let seenAt: UTCInstant
        let live: Bool
        let health: [String: ModuleHealth]
    }

    public func register(on router: some RouterMethods<AppRequestContext>) {
        let group = router.group("/v1/ops")
        group.get("/alerts") { request, _ in
            _ = try await access.require(request)
            let hours = try Self.hours(request)
            return JSONResponse(Alerts(active: try await center.alerts.active(), history: try await center.alerts.history(since: now() - hours * 3600)))
        }
        group.get("/slos") { request, _ in
            _ = try await access.require(request)
            return JSONResponse(["objectives": try await ObjectiveReport.measure(center.configuration, reader: center.reader, traffic: center.traffic, now: now())])
        }
        group.get("/instances") { request, _ in
            _ = try await access.require(request)
            let now = self.now()
            return JSONResponse(["instances": try await center.instances.recent(now: now).map { instance in
                Instance(id: instance.id, services: instance.services.map(\.rawValue), host: instance.host,
                         startedAt: UTCInstant(instance.startedAt), seenAt: UTCInstant(instance.seenAt),
                         live: instance.isLive(now: now),
                         health: Dictionary(uniqueKeysWithValues: instance.health.map { ($0.key.rawValue, $0.value) }))
            }])
        }
        group.get("/rules") { request, _ in
            _ = try await access.require(request)
            return JSONResponse(center.configuration)
        }
    }

    static func hours(_ request: Request) throws -> Int64 {
        guard let text = request.uri.queryParameters["hours"].map(String.init) else { return 24 }
        guard let hours = Int64(text), (1...168).contains(hours) else {
            throw ServiceError(.invalid, code: .invalidHours, message: "hours is a whole number from 1 to 168.", field: "hours")
        }
        return hours
    }
}
