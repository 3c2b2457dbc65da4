// The booking engine's sales documents, as revenue accounting reads them: tickets issued and refunded, coupons used,
// payments, paid services. Amounts are integer minor units of `currency`, as the ledger keeps them.

/// One tax of a coupon.
public struct TaxAmountPayload: Codable, Sendable, Equatable {
    public let code: String
    public let amount: Int64

    public init(code: String, amount: Int64) {
        self.code = code
        self.amount = amount
    }
}

/// `ticket.issued`: an e-ticket was issued for a passenger, at purchase or in exchange for another (Booking).
public struct TicketIssuedEvent: Codable, Sendable, Equatable {
    /// One flight the ticket is good for.
    public struct Coupon: Codable, Sendable, Equatable {
        /// The order's flight (0-based) the coupon is for.
        public let segmentPosition: Int
        public let flightID: String
        public let origin: String
        public let destination: String
        /// The flight's local date, `YYYY-MM-DD`.
        public let departureDate: String
        public let cabin: String
        public let bookingClass: String
        public let distanceMiles: Int
        public let taxes: [TaxAmountPayload]

        public init(segmentPosition: Int, flightID: String, origin: String, destination: String, departureDate: String, cabin: String,
                    bookingClass: String, distanceMiles: Int, taxes: [TaxAmountPayload]) {
            self.segmentPosition = segmentPosition
            self.flightID = flightID
            self.origin = origin
            self.destination = destination
            self.departureDate = departureDate
            self.cabin = cabin
            self.bookingClass = bookingClass
            self.distanceMiles = distanceMiles
            self.taxes = taxes
        }

        enum CodingKeys: String, CodingKey {
            case segmentPosition = "segment_position", flightID = "flight_id", origin, destination, departureDate = "departure_date", cabin
            case bookingClass = "booking_class", distanceMiles = "distance_miles", taxes
        }
    }

    /// What an exchange changed hands for, for this passenger.
    public struct Exchange: Codable, Sendable, Equatable {
        public let oldTicketNumber: String
        public let changeFee: Int64
        /// New fares minus the fares they replace, taxes included; negative when cheaper.
        public let fareDifference: Int64
        /// Collected for the change.
        public let amountDue: Int64
        /// Given back for the change.
        public let refund: Int64
        /// `voluntary` or `disruption`.
        public let reason: String

        public init(oldTicketNumber: String, changeFee: Int64, fareDifference: Int64, amountDue: Int64, refund: Int64, reason: String) {
            self.oldTicketNumber = oldTicketNumber
            self.changeFee = changeFee
            self.fareDifference = fareDifference
            self.amountDue = amountDue
            self.refund = refund
            self.reason = reason
        }

        enum CodingKeys: String, CodingKey {
            case oldTicketNumber = "old_ticket_number", changeFee = "change_fee", fareDifference = "fare_difference", amountDue = "amount_due"
            case refund, reason
        }
    }

    public let ticketNumber: String
    public let orderID: String
    public let passengerID: String
    /// The passenger's place in the order, from 0.
    public let passengerPosition: Int
    public let passengerType: String
    public let currency: String
    /// The fare of the ticket's coupons before taxes.
    public let baseFare: Int64
    /// The flights not yet flown that the ticket is good for.
    public let coupons: [Coupon]
    public let exchange: Exchange?
    /// Seconds since 1970.
    public let issuedAt: Int64
    /// The account the order is filed under (nil for a guest): the loyalty programme credits its member.
    public let customerID: String?
    /// The passenger's family name, which a member's must match to be credited.
    public let familyName: String?

    public init(ticketNumber: String, orderID: String, passengerID: String, passengerPosition: Int, passengerType: String, currency: String,
                baseFare: Int64, coupons: [Coupon], exchange: Exchange?, issuedAt: Int64, customerID: String? = nil, familyName: String? = nil) {
        self.customerID = customerID
        self.familyName = familyName
        self.ticketNumber = ticketNumber
        self.orderID = orderID
        self.passengerID = passengerID
        self.passengerPosition = passengerPosition
        self.passengerType = passengerType
        self.currency = currency
        self.baseFare = baseFare
        self.coupons = coupons
        self.exchange = exchange
        self.issuedAt = issuedAt
    }

    enum CodingKeys: String, CodingKey {
        case ticketNumber = "ticket_number", orderID = "order_id", passengerID = "passenger_id", passengerPosition = "passenger_position"
        case passengerType = "passenger_type", currency, baseFare = "base_fare", coupons, exchange, issuedAt = "issued_at"
        case customerID = "customer_id", familyName = "family_name"
    }
}

/// A coupon named by its ticket and the order's flight it is for.
public struct CouponReference: Codable, Sendable, Equatable {
    public let ticketNumber: String
    public let segmentPosition: Int

    public init(ticketNumber: String, segmentPosition: Int) {
        self.ticketNumber = ticketNumber
        self.segmentPosition = segmentPosition
    }

    enum CodingKeys: String, CodingKey { case ticketNumber = "ticket_number", segmentPosition = "segment_position" }
}

/// `ticket.refunded`: a passenger's coupons were refunded when their order was cancelled (Booking).
public struct TicketRefundedEvent: Codable, Sendable, Equatable {
    public let orderID: String
    public let cancellationID: String
    public let passengerPosition: Int
    /// The coupons refunded (open ones, and no-shows whose taxes go back).
    public let coupons: [CouponReference]
    public let currency: String
    /// Fares and taxes given back for this passenger.
    public let refundedAmount: Int64
    /// Whether the airline caused the cancellation (everything is refunded).
    public let involuntary: Bool
    public let refundedAt: Int64

    public init(orderID: String, cancellationID: String, passengerPosition: Int, coupons: [CouponReference], currency: String, refundedAmount: Int64,
                involuntary: Bool, refundedAt: Int64) {
        self.orderID = orderID
        self.cancellationID = cancellationID
        self.passengerPosition = passengerPosition
        self.coupons = coupons
        self.currency = currency
        self.refundedAmount = refundedAmount
        self.involuntary = involuntary
        self.refundedAt = refundedAt
    }

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id", cancellationID = "cancellation_id", passengerPosition = "passenger_position", coupons, currency
        case refundedAmount = "refunded_amount", involuntary, refundedAt = "refunded_at"
    }
}

/// `coupon.used`: a coupon's flight departed, with its passenger on board (`flown`) or without (`no_show`) (Booking).
public struct CouponUsedEvent: Codable, Sendable, Equatable {
    public enum Usage: String, Codable, Sendable {
        case flown
        case noShow = "no_show"
    }

    public let coupon: CouponReference
    public let orderID: String
    public let passengerPosition: Int
    public let flightID: String
    public let usage: Usage
    public let usedAt: Int64

    public init(coupon: CouponReference, orderID: String, passengerPosition: Int, flightID: String, usage: Usage, usedAt: Int64) {
        self.coupon = coupon
        self.orderID = orderID
        self.passengerPosition = passengerPosition
        self.flightID = flightID
        self.usage = usage
        self.usedAt = usedAt
    }

    enum CodingKeys: String, CodingKey {
        case coupon, orderID = "order_id", passengerPosition = "passenger_position", flightID = "flight_id", usage, usedAt = "used_at"
    }
}

/// `payment.captured` and `payment.refunded`: a payment processor took money for an order or gave some back (Booking).
public struct PaymentRecordedEvent: Codable, Sendable, Equatable {
    public let paymentID: String
    public let orderID: String
    /// The processor's name (`test`, `miles`).
    public let processor: String
    /// The processor's reference of this capture or refund.
    public let reference: String
    /// For a refund, the capture it goes back to.
    public let captureReference: String?
    public let amount: Int64
    public let currency: String
    public let recordedAt: Int64

    public init(paymentID: String, orderID: String, processor: String, reference: String, captureReference: String?, amount: Int64, currency: String,
                recordedAt: Int64) {
        self.paymentID = paymentID
        self.orderID = orderID
        self.processor = processor
        self.reference = reference
        self.captureReference = captureReference
        self.amount = amount
        self.currency = currency
        self.recordedAt = recordedAt
    }

    enum CodingKeys: String, CodingKey {
        case paymentID = "payment_id", orderID = "order_id", processor, reference, captureReference = "capture_reference", amount, currency
        case recordedAt = "recorded_at"
    }
}

/// `service.sold`: a paid seat or bag was added to an order (Booking).
public struct ServiceSoldEvent: Codable, Sendable, Equatable {
    public let serviceID: String
    public let orderID: String
    public let passengerPosition: Int
    public let segmentPosition: Int
    /// `seat` or `checked_bag`.
    public let kind: String
    public let amount: Int64
    public let currency: String
    public let soldAt: Int64

    public init(serviceID: String, orderID: String, passengerPosition: Int, segmentPosition: Int, kind: String, amount: Int64, currency: String, soldAt: Int64) {
        self.serviceID = serviceID
        self.orderID = orderID
        self.passengerPosition = passengerPosition
        self.segmentPosition = segmentPosition
        self.kind = kind
        self.amount = amount
        self.currency = currency
        self.soldAt = soldAt
    }

    enum CodingKeys: String, CodingKey {
        case serviceID = "service_id", orderID = "order_id", passengerPosition = "passenger_position", segmentPosition = "segment_position", kind
        case amount, currency, soldAt = "sold_at"
    }
}

/// `service.closed`: a paid service ended before its flight: `refunded`, `replaced` (by another seat) or `forfeited` (Booking).
public struct ServiceClosedEvent: Codable, Sendable, Equatable {
    public let serviceID: String
    public let orderID: String
    public let status: String
    /// What went back to the passenger.
    public let refundedAmount: Int64
    public let closedAt: Int64

    public init(serviceID: String, orderID: String, status: String, refundedAmount: Int64, closedAt: Int64) {
        self.serviceID = serviceID
        self.orderID = orderID
        self.status = status
        self.refundedAmount = refundedAmount
        self.closedAt = closedAt
    }

    enum CodingKeys: String, CodingKey {
        case serviceID = "service_id", orderID = "order_id", status, refundedAmount = "refunded_amount", closedAt = "closed_at"
    }
}

extension OutboxTopic where Payload == TicketIssuedEvent {
    public static var ticketIssued: Self { Self("ticket.issued") }
}

extension OutboxTopic where Payload == TicketRefundedEvent {
    public static var ticketRefunded: Self { Self("ticket.refunded") }
}

extension OutboxTopic where Payload == CouponUsedEvent {
    public static var couponUsed: Self { Self("coupon.used") }
}

extension OutboxTopic where Payload == PaymentRecordedEvent {
    public static var paymentCaptured: Self { Self("payment.captured") }
    public static var paymentRefunded: Self { Self("payment.refunded") }
}

extension OutboxTopic where Payload == ServiceSoldEvent {
    public static var serviceSold: Self { Self("service.sold") }
}

extension OutboxTopic where Payload == ServiceClosedEvent {
    public static var serviceClosed: Self { Self("service.closed") }
}
