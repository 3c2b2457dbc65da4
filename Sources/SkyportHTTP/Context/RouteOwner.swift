import Hummingbird
import SkyportDomain
import Synchronization

/// Which module answers a request. A box, because each middleware passes on a copy of the context: the module's
/// route group writes it inside, and the observability middleware outside reads it after the response
/// (Hummingbird's own `endpointPath` is kept the same way).
public final class RouteOwner: Sendable {
    private let owner = Mutex<ServiceModule?>(nil)

    public init() {}

    /// The module, once a module's route matched the request.
    public var module: ServiceModule? {
        get { owner.withLock { $0 } }
        set { owner.withLock { $0 = newValue } }
    }
}

/// Marks every route of a group as `module`'s: metrics and log lines carry the module's name.
public struct RouteOwnerMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let module: ServiceModule

    public init(_ module: ServiceModule) {
        self.module = module
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        context.routeOwner.module = module
        return try await next(request, context)
    }
}

extension ServiceModule {
    /// Health, metrics and the API document: every instance serves them, whatever its modules.
    public static let platform = ServiceModule("platform")
    /// A request no route matched.
    public static let unmatched = ServiceModule("unmatched")
}
