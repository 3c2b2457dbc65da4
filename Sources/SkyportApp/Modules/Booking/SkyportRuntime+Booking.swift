import Booking
import SkyportDomain

extension SkyportRuntime {
    /// Ready when a schedule is on sale; degraded (still serving) before the first import.
    func scheduleOnSale() async -> ModuleHealth {
        let onSale = (try? await services.network.current().lastScheduledDate) != nil
        return onSale ? ModuleHealth(.ready) : ModuleHealth(.degraded, "no schedule on sale: run skyport data import")
    }
}
