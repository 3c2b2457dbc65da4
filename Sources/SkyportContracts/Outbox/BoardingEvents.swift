/// `order.checked_in`: passengers of an order checked in for a flight and got boarding passes (Booking).
public struct OrderCheckedInEvent: Codable, Sendable, Equatable {
    /// A checked-in passenger and their seat (nil for an infant on a lap).
    public struct Passenger: Codable, Sendable, Equatable {
        public let passengerID: String
        public let seat: String?

        public init(passengerID: String, seat: String?) {
            self.passengerID = passengerID
            self.seat = seat
        }

        enum CodingKeys: String, CodingKey { case passengerID = "passenger_id", seat }
    }

    public let orderID: String
    public let bookingReference: String
    public let flightID: String
    public let passengers: [Passenger]

    public init(orderID: String, bookingReference: String, flightID: String, passengers: [Passenger]) {
        self.orderID = orderID
        self.bookingReference = bookingReference
        self.flightID = flightID
        self.passengers = passengers
    }

    enum CodingKeys: String, CodingKey { case orderID = "order_id", bookingReference = "booking_reference", flightID = "flight_id", passengers }
}

/// `order.boarded`: a passenger's boarding pass was scanned at the gate (Booking).
public struct OrderBoardedEvent: Codable, Sendable, Equatable {
    public let orderID: String
    public let bookingReference: String
    public let flightID: String
    public let passengerID: String
    public let seat: String?
    /// Seconds since 1970.
    public let boardedAt: Int64

    public init(orderID: String, bookingReference: String, flightID: String, passengerID: String, seat: String?, boardedAt: Int64) {
        self.orderID = orderID
        self.bookingReference = bookingReference
        self.flightID = flightID
        self.passengerID = passengerID
        self.seat = seat
        self.boardedAt = boardedAt
    }

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id", bookingReference = "booking_reference", flightID = "flight_id", passengerID = "passenger_id", seat
        case boardedAt = "boarded_at"
    }
}

extension OutboxTopic where Payload == OrderCheckedInEvent {
    public static var orderCheckedIn: Self { Self("order.checked_in") }
}

extension OutboxTopic where Payload == OrderBoardedEvent {
    public static var orderBoarded: Self { Self("order.boarded") }
}
