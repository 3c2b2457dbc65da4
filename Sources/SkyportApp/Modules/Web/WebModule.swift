import Hummingbird
import SkyportDomain
import SkyportHTTP
import SkyportStore
import SkyportWeb

/// The customer web site: search, buy in two steps, manage a booking, accounts, in English and Korean.
struct WebModule: SkyportModule {
    static let entry = ServiceCatalogue.Entry(.web, title: "Web site")
    /// None of its own: accounts are the Accounts library's (`SkyportModules.migrations`).
    static let migrations: [Migration] = []
    let runtime: SkyportRuntime
    let site: WebSite

    init(runtime: SkyportRuntime) async throws {
        self.runtime = runtime
        site = try await runtime.webSite()
    }

    func routes() -> RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        site.register(on: routes)
        return routes
    }

    var unmatchedRequestMiddleware: [any MiddlewareProtocol<Request, Response, AppRequestContext>] {
        site.unmatchedRequestMiddleware
    }

    func health() async -> ModuleHealth {
        await runtime.scheduleOnSale()
    }
}
