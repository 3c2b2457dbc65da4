import Accounts
import Booking
import Hummingbird
import Operations
import SkyportDomain
import SkyportHTTP
import SkyportStore

/// The booking API: offers, orders, cancellations, and an order's disruptions and rebooking (over Operations' API).
struct BookingModule: SkyportModule {
    static let entry = ServiceCatalogue.Entry(.booking, title: "Booking API")
    /// Its tables.
    static let migrations: [Migration] = BookingSchema.migrations
    let runtime: SkyportRuntime

    init(runtime: SkyportRuntime) {
        self.runtime = runtime
    }

    func routes() -> RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        let services = runtime.services, metrics = runtime.metrics
        OfferRequestsController(shopping: services.shopping, metrics: metrics).register(on: routes)
        FareCalendarController(shopping: services.shopping).register(on: routes)
        OrdersController(services: services, metrics: metrics, limiter: AttemptLimiter(database: services.database)).register(on: routes)
        CancellationsController(services: services, metrics: metrics).register(on: routes)
        SeatsAndBagsController(services: services).register(on: routes)
        OrderChangesController(services: services).register(on: routes)
        CheckInController(services: services, access: OperatorAccess(tokens: runtime.operatorTokens)).register(on: routes)
        OrderDisruptionsController(rebooking: runtime.operations.rebooking, notifications: runtime.operations.notifications,
                                   access: services.access).register(on: routes)
        return routes
    }

    func health() async -> ModuleHealth {
        await runtime.scheduleOnSale()
    }
}
