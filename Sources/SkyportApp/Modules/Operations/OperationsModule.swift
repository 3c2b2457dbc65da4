import Hummingbird
import Operations
import ServiceLifecycle
import SkyportDomain
import SkyportHTTP
import SkyportStore

/// Operations: weather, disruptions and passengers' messages over HTTP; in the background the disruption engine
/// (one instance at a time holds its lease) and the notification worker.
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `SKYPORT_OPERATIONS_ENGINE` | `on` | `off`: this instance does not run the disruption engine (another does) |
struct OperationsModule: SkyportModule {
    static let entry = ServiceCatalogue.Entry(.operations, title: "Operations")
    /// Its tables.
    static let migrations: [Migration] = OperationsSchema.migrations
    let runtime: SkyportRuntime
    /// Whether this instance runs the disruption engine (one instance at a time works; the others stand by).
    let runsEngine: Bool

    init(runtime: SkyportRuntime) throws {
        self.runtime = runtime
        runsEngine = try runtime.configuration.scope.isOn("SKYPORT_OPERATIONS_ENGINE", default: true)
    }

    func routes() -> RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        let access = OperatorAccess(tokens: runtime.operatorTokens), platform = runtime.operations
        WeatherController(weather: platform.weather, access: access).register(on: routes)
        DisruptionsController(disruptions: platform.disruptions, access: access).register(on: routes)
        FlightStatusController(service: platform.flightStatus).register(on: routes)
        NotificationsController(disruptions: platform.disruptions, notifications: platform.notifications, webhooks: platform.webhooks,
                                orderWebhooks: platform.orderWebhooks,
                                access: access).register(on: routes)
        return routes
    }

    var services: [any Service] {
        let engine = runtime.operations.engine, worker = runtime.operations.worker
        var services: [any Service] = []
        if runsEngine {
            services.append(BackgroundService("disruption engine") { await engine.run() })
        }
        services.append(BackgroundService("notification worker") { await worker.run() })
        let orderWebhooks = runtime.operations.orderWebhooks
        services.append(BackgroundService("order webhooks") { await orderWebhooks.run() })
        return services
    }

    func health() async -> ModuleHealth {
        await runtime.championDelayModel()
    }
}
