import Booking
import SkyportStore

/// The booking engine's services, built once by the app and handed to the controllers.
public struct BookingServices: Sendable {
    public let database: any Database
    public let network: NetworkDirectory
    public let shopping: ShoppingService
    public let orders: OrderService
    public let repository: OrderRepository
    public let cancellations: CancellationService
    public let access: OrderAccess

    public init(database: any Database, network: NetworkDirectory, shopping: ShoppingService, orders: OrderService,
                repository: OrderRepository, cancellations: CancellationService, access: OrderAccess) {
        self.database = database
        self.network = network
        self.shopping = shopping
        self.orders = orders
        self.repository = repository
        self.cancellations = cancellations
        self.access = access
    }
}
