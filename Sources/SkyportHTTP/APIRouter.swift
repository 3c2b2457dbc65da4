import Booking
import CommandCenter
import Hummingbird
import Logging
import SkyportDomain
import SkyportStore

/// The application's router: the middleware every request passes, the routes every instance serves, and each
/// module's routes mounted under the module's name.
public enum APIRouter {
    /// A router with the middleware of every request (HTTPS only when served over HTTPS, the client's address,
    /// request ids, errors in the API's shape, metrics and logs, 405 for a known path) and no routes yet.
    public static func make(metrics: SkyportMetrics, logger: Logger, trustedProxies: [IPAddressRange] = [],
                            servedOverHTTPS: Bool = false) -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        if servedOverHTTPS { router.add(middleware: TransportSecurityMiddleware()) }
        router.add(middleware: ClientAddressMiddleware(trustedProxies: trustedProxies))
        router.add(middleware: ObservabilityMiddleware(metrics: metrics, logger: logger))
        router.add(middleware: MethodNotAllowedMiddleware())
        return router
    }

    /// Mounts `routes` as `module`'s: its requests are counted and logged under the module's name.
    public static func mount(_ routes: RouteCollection<AppRequestContext>, as module: ServiceModule, on router: Router<AppRequestContext>) {
        router.group().add(middleware: RouteOwnerMiddleware(module)).addRoutes(routes)
    }

    /// What every instance serves whatever its modules: liveness, readiness (`health` checks each module of this
    /// instance, given the database's health), the metrics, the API document, and the airport search that the site
    /// uses too (counted as the booking API's).
    public static func mountPlatformRoutes(on router: Router<AppRequestContext>, database: any Database, metrics: SkyportMetrics,
                                           network: NetworkDirectory,
                                           health: @escaping @Sendable (ModuleHealth) async -> [ServiceModule: ModuleHealth]) {
        let platform = RouteCollection(context: AppRequestContext.self)
        HealthController(database: database, metrics: metrics, modules: health).register(on: platform)
        OpenAPIController().register(on: platform)
        mount(platform, as: .platform, on: router)
        let airports = RouteCollection(context: AppRequestContext.self)
        AirportsController(network: network).register(on: airports)
        mount(airports, as: .booking, on: router)
    }
}
