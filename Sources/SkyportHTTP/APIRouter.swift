import Booking
import Hummingbird
import Logging

/// Builds the router of the whole HTTP API.
public enum APIRouter {
    public static func make(services: BookingServices, metrics: SkyportMetrics, logger: Logger) -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: ObservabilityMiddleware(metrics: metrics, logger: logger))
        HealthController(database: services.database, metrics: metrics).register(on: router)
        OpenAPIController().register(on: router)
        AirportsController(network: services.network).register(on: router)
        OfferRequestsController(shopping: services.shopping, metrics: metrics).register(on: router)
        OrdersController(services: services, metrics: metrics).register(on: router)
        CancellationsController(services: services, metrics: metrics).register(on: router)
        return router
    }
}
