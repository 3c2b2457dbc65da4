/// One flight's inventory for operators (`GET /v1/flights/{id}/inventory`).
public struct FlightInventoryView: Sendable, Encodable {
    public struct ClassView: Sendable, Encodable {
        public let code: String
        public let brand: String
        /// The adult base fare of the class on this flight.
        public let fare: String
        /// Seats its orders hold (cancelled orders left out).
        public let booked: Int
        /// The nested limit in force: the most seats the cabin may have sold while the class is open.
        public let limit: Int
        public let source: InventoryControls.LimitSource
        /// Seats it can still sell.
        public let available: Int
        /// The optimizer's forecast of bookings still to come in it.
        public let forecastRemaining: InventoryControls.ForecastedDemand?

        enum CodingKeys: String, CodingKey {
            case code, brand, fare, booked, limit, source, available
            case forecastRemaining = "forecast_remaining"
        }
    }

    public struct CabinView: Sendable, Encodable {
        public let cabin: String
        public let capacity: Int
        public let sold: Int
        public let bidPrice: String?
        public let optimizedAt: String?
        /// Highest class first, as reservation systems list them.
        public let classes: [ClassView]

        enum CodingKeys: String, CodingKey {
            case cabin, capacity, sold, classes
            case bidPrice = "bid_price"
            case optimizedAt = "optimized_at"
        }
    }

    /// An operator's change to a limit (nil `seatLimit`: given back to the optimizer).
    public struct Change: Sendable, Encodable {
        public let cabin: String
        public let classCode: String
        public let seatLimit: Int?
        public let previousLimit: Int?
        public let operatorName: String
        public let reason: String
        public let changedAt: String

        enum CodingKeys: String, CodingKey {
            case cabin, reason
            case classCode = "class"
            case seatLimit = "seat_limit"
            case previousLimit = "previous_limit"
            case operatorName = "operator"
            case changedAt = "changed_at"
        }
    }

    public let flightID: String
    public let carrier: String
    public let flightNumber: Int
    public let origin: String
    public let destination: String
    public let departureDate: String
    public let departsAt: String
    public let cabins: [CabinView]
    /// Newest first.
    public let changes: [Change]

    enum CodingKeys: String, CodingKey {
        case carrier, origin, destination, cabins, changes
        case flightID = "flight_id"
        case flightNumber = "flight_number"
        case departureDate = "departure_date"
        case departsAt = "departs_at"
    }
}
