import Hummingbird
import ServiceLifecycle
import SkyportDomain
import SkyportHTTP
import SkyportStore

/// One module of the application: the HTTP routes it answers, the work it runs in the background and how healthy
/// it is. `SkyportRuntime` builds the modules that `--services` names from `SkyportModules.all`, mounts each one's
/// routes on a group that marks them as the module's (metrics and logs), runs its services in the application's
/// `ServiceGroup` and asks it for `/health/ready`. A module reaches the others through the runtime's Swift APIs.
public protocol SkyportModule: Sendable {
    /// The module's name (`--services`, metrics, logs, alert rules) and the title the command center shows.
    static var entry: ServiceCatalogue.Entry { get }

    /// The migrations of the tables it owns. Every instance applies every module's, whatever it serves: the
    /// modules share one database and reach each other's data through each other's APIs.
    static var migrations: [Migration] { get }

    /// Builds the module over the shared runtime. Called only when this instance serves it.
    init(runtime: SkyportRuntime) async throws

    /// Its HTTP routes, mounted under its name.
    func routes() throws -> RouteCollection<AppRequestContext>

    /// What answers requests that no module's route matches (the site's 404 page); added after every route.
    var unmatchedRequestMiddleware: [any MiddlewareProtocol<Request, Response, AppRequestContext>] { get }

    /// Its background loops, run beside the server and drained at shutdown.
    var services: [any Service] { get }

    /// Whether it can serve (asked only when the database answers): degraded when it serves but lacks something.
    func health() async -> ModuleHealth
}

extension SkyportModule {
    public var unmatchedRequestMiddleware: [any MiddlewareProtocol<Request, Response, AppRequestContext>] { [] }
    public var services: [any Service] { [] }
}
