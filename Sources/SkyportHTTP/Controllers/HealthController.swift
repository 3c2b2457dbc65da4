import Hummingbird
import SQLKit
import SkyportStore

/// Liveness, readiness (the database answers) and the Prometheus metrics.
public struct HealthController: Sendable {
    let database: any Database
    let metrics: SkyportMetrics

    public init(database: any Database, metrics: SkyportMetrics) {
        self.database = database
        self.metrics = metrics
    }

    public func register(on router: Router<AppRequestContext>) {
        router.get("/health/live") { _, _ in
            JSONResponse(["status": "ok"])
        }
        router.get("/health/ready") { _, _ in
            do {
                _ = try await database.read { sql in try await sql.raw("SELECT 1 AS ok").all() }
                return JSONResponse(["status": "ready", "database": "ok"])
            } catch {
                return JSONResponse(["status": "not_ready", "database": "unreachable"], status: .serviceUnavailable)
            }
        }
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: .init(bytes: metrics.exposition())))
        }
    }
}
