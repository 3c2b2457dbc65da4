import Booking
import Hummingbird
import Logging
import Loyalty
import RevenueManagement
import ServiceLifecycle
import SkyportDomain
import SkyportHTTP
import SkyportStore

extension ServiceModule {
    /// Revenue management: forecasts, booking limits and their overrides.
    public static let revenue = ServiceModule("revenue")
}

/// Revenue management: in the background, pickup forecasts and EMSR-b booking limits for every cabin on sale,
/// re-optimized as bookings arrive; for analysts, each flight's inventory and their overrides (operator tokens).
/// Its data are Booking's inventory controls, reached through `InventoryControls`.
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `SKYPORT_REVENUE_MANAGEMENT` | `on` | `off`: the optimizer's limits are removed and every class closes at its load factor (operators' overrides stay) |
struct RevenueModule: SkyportModule {
    static let entry = ServiceCatalogue.Entry(.revenue, title: "Revenue management")
    /// Its data are Booking's inventory controls: no tables of its own.
    static let migrations: [Migration] = []
    let runtime: SkyportRuntime
    let isOn: Bool
    let loop: OptimizerLoop

    init(runtime: SkyportRuntime) throws {
        self.runtime = runtime
        isOn = try runtime.configuration.scope.isOn("SKYPORT_REVENUE_MANAGEMENT", default: true)
        loop = runtime.revenueOptimizerLoop
    }

    func routes() -> RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        InventoryController(controls: runtime.services.inventory, access: OperatorAccess(tokens: runtime.operatorTokens)).register(on: routes)
        return routes
    }

    var services: [any Service] {
        let loop = loop, controls = runtime.services.inventory, logger = runtime.logger
        guard isOn else {
            return [BackgroundService("revenue management off") {
                do { try await controls.removeOptimizedLimits() } catch { logger.error("could not remove booking limits", metadata: ["error": "\(error)"]) }
                while !Shutdown.isRequested { await Shutdown.pause(for: .seconds(3_600)) }
            }]
        }
        return [BackgroundService("revenue management") { await loop.run() }]
    }

    func health() async -> ModuleHealth {
        guard isOn else { return ModuleHealth(.degraded, "revenue management is off: classes close at their load factors") }
        if let pass = loop.lastPass, pass.markets == 0 {
            return ModuleHealth(.degraded, "no booking history yet: classes close at their load factors (skyport simulate bookings)")
        }
        return ModuleHealth(.ready)
    }
}

extension SkyportRuntime {
    /// The optimizer over this runtime's booking engine; award seats are worth the deferred value of their miles.
    public var revenueOptimizer: InventoryOptimizer {
        var optimizer = InventoryOptimizer(controls: services.inventory, pricing: FarePricing(currency: .usd), logger: logger, now: now)
        let programme = loyalty.programme
        optimizer.awardValue = { distance, cabin in
            Money(minorUnits: programme.deferredValue(ofMiles: programme.redemption.awardMiles(distanceMiles: distance, cabin: cabin, passenger: .adult)),
                  currency: .usd)
        }
        return optimizer
    }

    var revenueOptimizerLoop: OptimizerLoop {
        OptimizerLoop(optimizer: revenueOptimizer, logger: logger)
    }
}
