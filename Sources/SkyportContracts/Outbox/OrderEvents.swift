/// `order.created`: an order was paid and ticketed (Booking). Read by the customer data platform as Segment's
/// `Order Completed`.
public struct OrderCreatedEvent: Codable, Sendable, Equatable {
    /// One flight of the order, as the products of a Segment `Order Completed`.
    public struct Product: Codable, Sendable, Equatable {
        public let flightID: String
        /// Carrier and number, `B6400`.
        public let flight: String
        public let origin: String
        public let destination: String
        /// The local date of departure, `YYYY-MM-DD`.
        public let departureDate: String
        public let cabin: String
        public let fareBasis: String
        public let fareBrand: String

        public init(flightID: String, flight: String, origin: String, destination: String, departureDate: String, cabin: String,
                    fareBasis: String, fareBrand: String) {
            self.flightID = flightID
            self.flight = flight
            self.origin = origin
            self.destination = destination
            self.departureDate = departureDate
            self.cabin = cabin
            self.fareBasis = fareBasis
            self.fareBrand = fareBrand
        }

        enum CodingKeys: String, CodingKey {
            case flightID = "flight_id", flight, origin, destination, departureDate = "departure_date", cabin
            case fareBasis = "fare_basis", fareBrand = "fare_brand"
        }
    }

    public let orderID: String
    /// The PNR customers know (`ABC123`).
    public let bookingReference: String
    /// The total paid, in major units as decimal text (`"318.40"`), never a floating-point number.
    public let totalAmount: String
    /// ISO 4217 (`USD`).
    public let totalCurrency: String
    public let flightIDs: [String]
    public let passengers: Int
    /// Seats taken: infants on a lap take none.
    public let seats: Int
    public let contactEmail: String
    /// The account the order is filed under; nil for a guest.
    public let customerID: String?
    public let products: [Product]

    public init(orderID: String, bookingReference: String, totalAmount: String, totalCurrency: String, flightIDs: [String], passengers: Int,
                seats: Int, contactEmail: String, customerID: String?, products: [Product]) {
        self.orderID = orderID
        self.bookingReference = bookingReference
        self.totalAmount = totalAmount
        self.totalCurrency = totalCurrency
        self.flightIDs = flightIDs
        self.passengers = passengers
        self.seats = seats
        self.contactEmail = contactEmail
        self.customerID = customerID
        self.products = products
    }

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id", bookingReference = "booking_reference", totalAmount = "total_amount"
        case totalCurrency = "total_currency", flightIDs = "flight_ids", passengers, seats, contactEmail = "contact_email"
        case customerID = "customer_id", products
    }
}

/// `order.cancelled`: an order was cancelled and refunded (Booking). Read by the customer data platform as
/// Segment's `Order Cancelled`.
public struct OrderCancelledEvent: Codable, Sendable, Equatable {
    public let orderID: String
    public let bookingReference: String
    public let cancellationID: String
    /// Major units as decimal text (`"120.00"`).
    public let refundAmount: String
    public let refundCurrency: String
    public let contactEmail: String
    public let customerID: String?

    public init(orderID: String, bookingReference: String, cancellationID: String, refundAmount: String, refundCurrency: String,
                contactEmail: String, customerID: String?) {
        self.orderID = orderID
        self.bookingReference = bookingReference
        self.cancellationID = cancellationID
        self.refundAmount = refundAmount
        self.refundCurrency = refundCurrency
        self.contactEmail = contactEmail
        self.customerID = customerID
    }

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id", bookingReference = "booking_reference", cancellationID = "cancellation_id"
        case refundAmount = "refund_amount", refundCurrency = "refund_currency", contactEmail = "contact_email", customerID = "customer_id"
    }
}

/// `order.changed`: a booking moved to another flight, its tickets reissued (Booking): when a passenger takes a seat
/// held for a disruption (`reason` `disruption`), or changes a flight themselves (`voluntary`, with what was collected
/// and refunded).
public struct OrderChangedEvent: Codable, Sendable, Equatable {
    /// One passenger's ticket, before and after.
    public struct Ticket: Codable, Sendable, Equatable {
        public let passengerID: String
        public let oldTicketNumber: String
        public let newTicketNumber: String

        public init(passengerID: String, oldTicketNumber: String, newTicketNumber: String) {
            self.passengerID = passengerID
            self.oldTicketNumber = oldTicketNumber
            self.newTicketNumber = newTicketNumber
        }

        enum CodingKeys: String, CodingKey {
            case passengerID = "passenger_id", oldTicketNumber = "old_ticket_number", newTicketNumber = "new_ticket_number"
        }
    }

    /// Why the booking moved.
    public enum Reason: String, Codable, Sendable {
        case disruption, voluntary
    }

    public let orderID: String
    public let bookingReference: String
    /// The disruption a rebooking answered; nil for a voluntary change.
    public let disruptionID: String?
    public let fromFlightID: String
    public let toFlightID: String
    public let tickets: [Ticket]
    /// Who asked: `passenger`, or an operator's name.
    public let actor: String
    /// Nil in events written before voluntary changes existed (all of them rebookings).
    public let reason: Reason?
    /// The change fee and fare difference collected, major units as decimal text (voluntary changes).
    public let chargedAmount: String?
    /// Fare difference and seat prices given back, major units as decimal text.
    public let refundedAmount: String?
    public let currency: String?

    public init(orderID: String, bookingReference: String, disruptionID: String?, fromFlightID: String, toFlightID: String, tickets: [Ticket],
                actor: String, reason: Reason = .disruption, chargedAmount: String? = nil, refundedAmount: String? = nil, currency: String? = nil) {
        self.orderID = orderID
        self.bookingReference = bookingReference
        self.disruptionID = disruptionID
        self.fromFlightID = fromFlightID
        self.toFlightID = toFlightID
        self.tickets = tickets
        self.actor = actor
        self.reason = reason
        self.chargedAmount = chargedAmount
        self.refundedAmount = refundedAmount
        self.currency = currency
    }

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id", bookingReference = "booking_reference", disruptionID = "disruption_id"
        case fromFlightID = "from_flight_id", toFlightID = "to_flight_id", tickets, actor, reason
        case chargedAmount = "charged_amount", refundedAmount = "refunded_amount", currency
    }
}

extension OutboxTopic where Payload == OrderCreatedEvent {
    public static var orderCreated: Self { Self("order.created") }
}

extension OutboxTopic where Payload == OrderCancelledEvent {
    public static var orderCancelled: Self { Self("order.cancelled") }
}

extension OutboxTopic where Payload == OrderChangedEvent {
    public static var orderChanged: Self { Self("order.changed") }
}
