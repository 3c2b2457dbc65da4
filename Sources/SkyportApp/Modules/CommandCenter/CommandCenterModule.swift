import CommandCenter
import Hummingbird
import ServiceLifecycle
import SkyportDomain
import SkyportHTTP
import SkyportStore
import SkyportWeb

/// The command center: its operator API and pages, and in the background the figures and alert evaluations.
struct CommandCenterModule: SkyportModule {
    static let entry = ServiceCatalogue.Entry(.opsCenter, title: "Command center")
    /// Its tables.
    static let migrations: [Migration] = CommandCenterSchema.migrations
    let runtime: SkyportRuntime
    let site: OpsCenterSite

    init(runtime: SkyportRuntime) throws {
        self.runtime = runtime
        site = try runtime.opsCenterSite()
    }

    func routes() -> RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        CommandCenterController(center: runtime.commandCenter, access: OperatorAccess(tokens: runtime.operatorTokens), now: runtime.now)
            .register(on: routes)
        site.register(on: routes)
        return routes
    }

    var services: [any Service] {
        let center = runtime.commandCenter, metrics = runtime.metrics
        let levels = runtime.disruptionPolicy.levels.map(\.name) + [DisruptionPolicy.cancelledLevel]
        return [BackgroundService("command center evaluations") {
            await center.runEvaluations { figures, readiness in metrics.publish(figures, readiness: readiness, disruptionLevels: levels) }
        }]
    }

    func health() async -> ModuleHealth {
        let measured = runtime.commandCenter.figures.map { runtime.now() - $0.measuredAt <= 120 } ?? false
        return measured ? ModuleHealth(.ready) : ModuleHealth(.degraded, "figures not measured in the last 2 minutes")
    }
}
