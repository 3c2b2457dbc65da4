import Foundation
import Hummingbird
import Loyalty
import ServiceLifecycle
import SkyportDomain
import SkyportHTTP
import SkyportStore

/// The loyalty programme: members enrolled from their account, miles credited as their flights are flown (and claimed
/// later by ticket number), tiers, expiry, miles spent on awards and fares (the runtime's `milesPayments`, which the
/// booking engine pays through); operators look members up by number.
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `SKYPORT_LOYALTY_CONFIG` | `config/loyalty.json` when present, else the standard programme | the earning table, tiers, expiry, claim window and the value of a mile (docs/loyalty.md) |
struct LoyaltyModule: SkyportModule {
    static let entry = ServiceCatalogue.Entry(.loyalty, title: "Loyalty")
    /// Its tables.
    static let migrations: [Migration] = LoyaltySchema.migrations
    let runtime: SkyportRuntime
    let poster: LoyaltyPoster

    init(runtime: SkyportRuntime) throws {
        self.runtime = runtime
        poster = LoyaltyPoster(database: runtime.database, programme: runtime.loyalty.programme, logger: runtime.logger, now: runtime.now)
    }

    func routes() -> RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        LoyaltyController(programme: runtime.loyalty, access: OperatorAccess(tokens: runtime.operatorTokens)).register(on: routes)
        return routes
    }

    var services: [any Service] {
        let poster = poster
        return [BackgroundService("loyalty") { await poster.run() }]
    }

    func health() async -> ModuleHealth { ModuleHealth(.ready) }
}

extension SkyportRuntime {
    /// The programme's rules: `SKYPORT_LOYALTY_CONFIG` (or `config/loyalty.json`) when given, else the standard
    /// programme; read once, when the runtime is made (`runtime.loyalty.programme`).
    static func loyaltyProgramme(_ configuration: SkyportConfiguration) throws -> LoyaltyProgramme {
        guard let path = configuration.scope.file("SKYPORT_LOYALTY_CONFIG", standard: "config/loyalty.json") else { return .standard }
        return try LoyaltyConfiguration.load(path: path)
    }
}
