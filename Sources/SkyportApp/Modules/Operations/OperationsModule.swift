import Hummingbird
import Operations
import ServiceLifecycle
import SkyportDomain
import SkyportHTTP
import SkyportStore

/// Operations: weather, disruptions and passengers' messages over HTTP; in the background the disruption engine
/// (one instance at a time holds its lease) and the notification worker.
struct OperationsModule: SkyportModule {
    static let entry = ServiceCatalogue.Entry(.operations, title: "Operations")
    /// Its tables.
    static let migrations: [Migration] = OperationsSchema.migrations
    let runtime: SkyportRuntime

    init(runtime: SkyportRuntime) {
        self.runtime = runtime
    }

    func routes() -> RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        let access = OperatorAccess(tokens: runtime.operatorTokens), platform = runtime.operations
        WeatherController(weather: platform.weather, access: access).register(on: routes)
        DisruptionsController(disruptions: platform.disruptions, access: access).register(on: routes)
        NotificationsController(disruptions: platform.disruptions, notifications: platform.notifications, webhooks: platform.webhooks,
                                access: access).register(on: routes)
        return routes
    }

    var services: [any Service] {
        let engine = runtime.operations.engine, worker = runtime.operations.worker
        var services: [any Service] = []
        if runtime.configuration.runsDisruptionEngine {
            services.append(BackgroundService("disruption engine") { await engine.run() })
        }
        services.append(BackgroundService("notification worker") { await worker.run() })
        return services
    }

    func health() async -> ModuleHealth {
        await runtime.championDelayModel()
    }
}
