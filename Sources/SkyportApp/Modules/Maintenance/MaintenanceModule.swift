import Hummingbird
import Maintenance
import Operations
import Prediction
import SkyportDomain
import SkyportHTTP
import SkyportStore

/// The engines of the fleet: sensor history in, remaining life and the dates it falls on out (operator tokens guard it).
struct MaintenanceModule: SkyportModule {
    static let entry = ServiceCatalogue.Entry(.maintenance, title: "Maintenance")
    /// Its tables.
    static let migrations: [Migration] = MaintenanceSchema.migrations
    let runtime: SkyportRuntime

    init(runtime: SkyportRuntime) {
        self.runtime = runtime
    }

    func routes() -> RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        EnginesController(fleet: runtime.engineFleet, shopVisits: runtime.shopVisits, access: OperatorAccess(tokens: runtime.operatorTokens))
            .register(on: routes)
        return routes
    }

    /// Ready when an engine-life model is champion; degraded (engines listed without predictions) before.
    func health() async -> ModuleHealth {
        let champion = (try? await runtime.prediction.registry.resolve(EngineLifeModel.name.rawValue, "champion")) != nil
        return champion ? ModuleHealth(.ready) : ModuleHealth(.degraded, "no champion engine-life model: run skyport train engine-life --promote champion")
    }
}

extension SkyportRuntime {
    /// The fleet's engines over this runtime's database, predicted with the engine-life champion.
    public var engineFleet: EngineFleet {
        EngineFleet(database: database, model: prediction.engineLife, now: now)
    }

    /// Shop visits over this runtime's database; the flights no other aircraft can fly are cancelled through Operations.
    public var shopVisits: ShopVisits {
        ShopVisits(database: database, disruptions: operations.disruptions, now: now)
    }
}
