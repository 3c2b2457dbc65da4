import Operations
import SkyportDomain

/// Everything the command center page shows for one time range, measured at one moment.
public struct BoardSnapshot: Sendable {
    public struct Service: Sendable {
        public let module: ServiceModule
        /// What people call it.
        public let title: String
        public let liveInstances: Int
        public let knownInstances: Int
        /// The worst health of the live instances (nil when none runs it).
        public let health: ModuleHealth?
        public let totals: TrafficCounts
        /// Requests and 5xx per step.
        public let series: [TrafficHistory.Point]
    }

    public struct Business: Sendable {
        public let orders: Int
        public let seatsSold: Int
        public let cancellations: Int
        public let rebookings: Int
        /// What orders made in the range sold (fares, taxes, paid services), minor units per currency.
        public let sold: [String: Int64]
        /// What the ledger earned in the range (coupons flown, no-shows, services delivered, fees, penalties, breakage),
        /// minor units per currency.
        public let earned: [String: Int64]
        public let ordersSeries: [(start: Int64, count: Int)]
        public let loadFactor: Double?
        public let predictionsServed: Int
    }

    public struct Delivery: Sendable {
        public let channel: String
        public let delivered: Int
        public let failed: Int
        public let dead: Int
    }

    public let range: BoardRange
    public let now: Int64
    public let since: Int64
    public let services: [Service]
    public let instances: [InstanceDirectory.Instance]
    public let business: Business
    public let figures: OperationalFigures?
    public let weather: [WeatherObservation]
    public let disruptions: [Disruption]
    public let deliveries: [Delivery]
    public let alerts: [AlertBook.Active]
    public let alertHistory: [AlertBook.Event]
    public let objectives: [ObjectiveReport]
    public let routes: [TrafficHistory.RouteTotal]
}
