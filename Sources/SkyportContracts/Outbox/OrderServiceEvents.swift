/// `order.services_changed`: an order's seats or paid items (seats, checked bags) changed after its purchase (Booking).
public struct OrderServicesChangedEvent: Codable, Sendable, Equatable {
    /// A passenger's seat on a flight.
    public struct Seat: Codable, Sendable, Equatable {
        public let passengerID: String
        public let flightID: String
        public let designator: String

        public init(passengerID: String, flightID: String, designator: String) {
            self.passengerID = passengerID
            self.flightID = flightID
            self.designator = designator
        }

        enum CodingKeys: String, CodingKey { case passengerID = "passenger_id", flightID = "flight_id", designator }
    }

    /// A paid item the order now holds.
    public struct Service: Codable, Sendable, Equatable {
        public let id: String
        /// `seat` or `checked_bag`.
        public let kind: String
        public let passengerID: String
        public let flightID: String
        /// Major units as decimal text.
        public let amount: String

        public init(id: String, kind: String, passengerID: String, flightID: String, amount: String) {
            self.id = id
            self.kind = kind
            self.passengerID = passengerID
            self.flightID = flightID
            self.amount = amount
        }

        enum CodingKeys: String, CodingKey { case id, kind, passengerID = "passenger_id", flightID = "flight_id", amount }
    }

    public let orderID: String
    public let bookingReference: String
    /// Every seat the order holds after the change.
    public let seats: [Seat]
    /// Every active paid item after the change.
    public let services: [Service]
    public let chargedAmount: String
    public let refundedAmount: String
    public let currency: String

    public init(orderID: String, bookingReference: String, seats: [Seat], services: [Service], chargedAmount: String, refundedAmount: String,
                currency: String) {
        self.orderID = orderID
        self.bookingReference = bookingReference
        self.seats = seats
        self.services = services
        self.chargedAmount = chargedAmount
        self.refundedAmount = refundedAmount
        self.currency = currency
    }

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id", bookingReference = "booking_reference", seats, services, chargedAmount = "charged_amount"
        case refundedAmount = "refunded_amount", currency
    }
}

extension OutboxTopic where Payload == OrderServicesChangedEvent {
    public static var orderServicesChanged: Self { Self("order.services_changed") }
}
