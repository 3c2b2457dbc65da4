import SkyportDomain

/// The modules Skyport is made of. Adding a module is its folder under `Modules/` and one line here.
public enum SkyportModules {
    /// Every module, in the order the command center shows them.
    static let all: [any SkyportModule.Type] = [
        WebModule.self,
        BookingModule.self,
        CustomerDataModule.self,
        PredictionsModule.self,
        OperationsModule.self,
        CommandCenterModule.self,
    ]

    /// Their names and titles: what `--services` accepts.
    public static let catalogue = ServiceCatalogue(all.map { $0.entry })

    /// The module types `services` names, in catalogue order.
    static func types(for services: Set<ServiceModule>) -> [any SkyportModule.Type] {
        all.filter { services.contains($0.entry.module) }
    }
}
