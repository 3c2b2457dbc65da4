import CommandCenter
import Foundation
import Hummingbird
import SkyportDomain
import SkyportStore

/// Liveness, readiness per module, and the Prometheus metrics.
public struct HealthController: Sendable {
    let database: any Database
    let modules: @Sendable (ModuleHealth) async -> [ServiceModule: ModuleHealth]
    let metrics: SkyportMetrics

    /// `modules` checks each module this instance serves, given what the database check found.
    public init(database: any Database, metrics: SkyportMetrics, modules: @escaping @Sendable (ModuleHealth) async -> [ServiceModule: ModuleHealth]) {
        self.database = database
        self.modules = modules
        self.metrics = metrics
    }

    struct Readiness: Encodable, Sendable {
        struct Module: Encodable, Sendable {
            let status: String
            let detail: String?
        }
        let status: String
        /// `ok` or `unreachable`.
        let database: String
        let modules: [String: Module]
    }

    public func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/health/live") { _, _ in
            JSONResponse(["status": "ok"])
        }
        // Not ready when the database does not answer or a module this instance serves cannot serve (a degraded
        // module still takes traffic).
        router.get("/health/ready") { _, _ in
            let databaseHealth = await DatabaseHealth.check(database)
            let databaseAnswers = databaseHealth.isServing
            let health = await modules(databaseHealth)
            let ready = databaseAnswers && health.values.allSatisfy(\.isServing)
            let body = Readiness(status: ready ? "ready" : "not_ready", database: databaseAnswers ? "ok" : "unreachable",
                                 modules: Dictionary(uniqueKeysWithValues: health.map { module, health in
                (module.rawValue, Readiness.Module(status: health.status.rawValue, detail: health.detail))
            }))
            return JSONResponse(body, status: ready ? .ok : .serviceUnavailable)
        }
        router.get("/metrics") { _, _ in
            let usage = database.usage
            metrics.set("database_operations_in_flight", help: "Database reads and transactions running or waiting for a connection.",
                        to: Double(usage.operationsInFlight))
            metrics.set("database_connections", help: "Connections this instance's database pool may hold.", to: Double(usage.connections))
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: .init(bytes: metrics.exposition())))
        }
    }
}
