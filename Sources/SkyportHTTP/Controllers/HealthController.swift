import CommandCenter
import Foundation
import Hummingbird
import SkyportDomain

/// Liveness, readiness per module, and the Prometheus metrics.
public struct HealthController: Sendable {
    let modules: @Sendable () async -> [ServiceModule: ModuleHealth]
    let metrics: SkyportMetrics

    /// `modules` checks each module this instance serves (the database first).
    public init(metrics: SkyportMetrics, modules: @escaping @Sendable () async -> [ServiceModule: ModuleHealth]) {
        self.modules = modules
        self.metrics = metrics
    }

    struct Readiness: Encodable, Sendable {
        struct Module: Encodable, Sendable {
            let status: String
            let detail: String?
        }
        let status: String
        let modules: [String: Module]
    }

    public func register(on router: Router<AppRequestContext>) {
        router.get("/health/live") { _, _ in
            JSONResponse(["status": "ok"])
        }
        // Not ready when any module this instance serves cannot serve (a degraded module still takes traffic).
        router.get("/health/ready") { _, _ in
            let health = await modules()
            let ready = health.values.allSatisfy(\.isServing)
            let body = Readiness(status: ready ? "ready" : "not_ready", modules: Dictionary(uniqueKeysWithValues: health.map { module, health in
                (module.rawValue, Readiness.Module(status: health.status.rawValue, detail: health.detail))
            }))
            return JSONResponse(body, status: ready ? .ok : .serviceUnavailable)
        }
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: .init(bytes: metrics.exposition())))
        }
    }
}
