import Accounts
import Logging
import SkyportDomain
import SkyportStore

/// The modules Skyport is made of. Adding a module is its folder under `Modules/` and one line here.
public enum SkyportModules {
    /// Every module, in the order the command center shows them.
    static let all: [any SkyportModule.Type] = [
        WebModule.self,
        BookingModule.self,
        CustomerDataModule.self,
        PredictionsModule.self,
        OperationsModule.self,
        MaintenanceModule.self,
        RevenueModule.self,
        AccountingModule.self,
        LoyaltyModule.self,
        CommandCenterModule.self,
    ]

    /// Their names and titles: what `--services` accepts.
    public static let catalogue = ServiceCatalogue(all.map { $0.entry })

    /// Every table's migrations: the platform's, the customer accounts library's (the site, the booking API and
    /// the command center's sign-in share it), and each module's. The migrator orders them by version.
    public static let migrations: [Migration] = PlatformSchema.migrations + AccountsSchema.migrations + all.flatMap { $0.migrations }

    /// The migrator of every table.
    public static func migrator(logger: Logger) -> Migrator {
        Migrator(migrations: migrations, logger: logger)
    }

    /// The module types `services` names, in catalogue order.
    static func types(for services: Set<ServiceModule>) -> [any SkyportModule.Type] {
        all.filter { services.contains($0.entry.module) }
    }
}
