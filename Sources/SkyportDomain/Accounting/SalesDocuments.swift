/// What revenue accounting is told, as pure values: the booking engine's documents (tickets issued, exchanged and
/// refunded, coupons used, payments, paid services), each with the id of the event that carried it.
public enum SalesDocument: Sendable, Equatable {
    /// A ticket issued, fresh or in exchange for another.
    public struct Ticket: Sendable, Equatable {
        /// One flight of the ticket.
        public struct Coupon: Sendable, Equatable {
            public let segmentPosition: Int
            public let flightID: String
            public let origin: String
            public let destination: String
            public let flightDate: String
            public let cabin: String
            public let bookingClass: String
            public let distanceMiles: Int
            public let taxes: [TaxAmount]

            public init(segmentPosition: Int, flightID: String, origin: String, destination: String, flightDate: String, cabin: String,
                        bookingClass: String, distanceMiles: Int, taxes: [TaxAmount]) {
                self.segmentPosition = segmentPosition
                self.flightID = flightID
                self.origin = origin
                self.destination = destination
                self.flightDate = flightDate
                self.cabin = cabin
                self.bookingClass = bookingClass
                self.distanceMiles = distanceMiles
                self.taxes = taxes
            }
        }

        /// What an exchange changed hands for, minor units: the booking engine's figures for this passenger.
        public struct Exchange: Sendable, Equatable {
            public let oldTicketNumber: String
            public let changeFee: Int64
            /// New fares minus the fares they replace, taxes included; negative when the new flight is cheaper.
            public let fareDifference: Int64
            /// What the passenger paid for the change (fee and a positive difference).
            public let amountDue: Int64
            /// What goes back (a negative difference, to a refundable fare).
            public let refund: Int64

            public init(oldTicketNumber: String, changeFee: Int64, fareDifference: Int64, amountDue: Int64, refund: Int64) {
                self.oldTicketNumber = oldTicketNumber
                self.changeFee = changeFee
                self.fareDifference = fareDifference
                self.amountDue = amountDue
                self.refund = refund
            }
        }

        public let ticketNumber: String
        public let orderID: String
        public let passengerPosition: Int
        public let currency: CurrencyCode
        /// The fare of the whole ticket before taxes, minor units (what proration splits; unused for an exchange).
        public let baseFare: Int64
        /// The ticket's flights still to fly.
        public let coupons: [Coupon]
        public let exchange: Exchange?
        public let issuedAt: Int64

        public init(ticketNumber: String, orderID: String, passengerPosition: Int, currency: CurrencyCode, baseFare: Int64, coupons: [Coupon],
                    exchange: Exchange?, issuedAt: Int64) {
            self.ticketNumber = ticketNumber
            self.orderID = orderID
            self.passengerPosition = passengerPosition
            self.currency = currency
            self.baseFare = baseFare
            self.coupons = coupons
            self.exchange = exchange
            self.issuedAt = issuedAt
        }
    }

    /// A coupon named by its ticket and the order's flight it is for.
    public struct CouponKey: Sendable, Hashable {
        public let ticketNumber: String
        public let segmentPosition: Int

        public init(ticketNumber: String, segmentPosition: Int) {
            self.ticketNumber = ticketNumber
            self.segmentPosition = segmentPosition
        }
    }

    /// A passenger's coupons refunded on a cancellation, and what they got back for them (fares and taxes).
    public struct Refund: Sendable, Equatable {
        public let orderID: String
        public let passengerPosition: Int
        public let coupons: [CouponKey]
        public let currency: CurrencyCode
        public let refunded: Int64
        public let occurredAt: Int64

        public init(orderID: String, passengerPosition: Int, coupons: [CouponKey], currency: CurrencyCode, refunded: Int64, occurredAt: Int64) {
            self.orderID = orderID
            self.passengerPosition = passengerPosition
            self.coupons = coupons
            self.currency = currency
            self.refunded = refunded
            self.occurredAt = occurredAt
        }
    }

    /// A coupon's flight departed: with its passenger on board or without.
    public struct CouponUse: Sendable, Equatable {
        public let coupon: CouponKey
        public let orderID: String
        public let passengerPosition: Int
        public let flown: Bool
        public let occurredAt: Int64

        public init(coupon: CouponKey, orderID: String, passengerPosition: Int, flown: Bool, occurredAt: Int64) {
            self.coupon = coupon
            self.orderID = orderID
            self.passengerPosition = passengerPosition
            self.flown = flown
            self.occurredAt = occurredAt
        }
    }

    /// Money a payment processor captured for an order, or gave back from a capture.
    public struct Payment: Sendable, Equatable {
        public let orderID: String
        public let processor: String
        /// The processor's reference of this capture or refund.
        public let reference: String
        public let isRefund: Bool
        public let amount: Money
        public let occurredAt: Int64

        public init(orderID: String, processor: String, reference: String, isRefund: Bool, amount: Money, occurredAt: Int64) {
            self.orderID = orderID
            self.processor = processor
            self.reference = reference
            self.isRefund = isRefund
            self.amount = amount
            self.occurredAt = occurredAt
        }
    }

    /// A paid seat or bag sold.
    public struct ServiceSale: Sendable, Equatable {
        public let service: AccountingService
        public let occurredAt: Int64

        public init(service: AccountingService, occurredAt: Int64) {
            self.service = service
            self.occurredAt = occurredAt
        }
    }

    /// A paid service ended before delivery: refunded (in part or whole), replaced by another, or kept by the airline.
    public struct ServiceClosure: Sendable, Equatable {
        public let serviceID: String
        public let status: AccountingService.Status
        public let refunded: Int64
        public let occurredAt: Int64

        public init(serviceID: String, status: AccountingService.Status, refunded: Int64, occurredAt: Int64) {
            self.serviceID = serviceID
            self.status = status
            self.refunded = refunded
            self.occurredAt = occurredAt
        }
    }

    /// Miles a member earned on a flown coupon, or lost when they expired, with the value the books defer for them.
    public struct MilesMovement: Sendable, Equatable {
        public let memberID: String
        /// The coupon that earned them; nil for an expiry.
        public let coupon: CouponKey?
        public let miles: Int
        /// Minor units of `currency`.
        public let value: Int64
        public let currency: CurrencyCode
        public let occurredAt: Int64

        public init(memberID: String, coupon: CouponKey?, miles: Int, value: Int64, currency: CurrencyCode, occurredAt: Int64) {
            self.memberID = memberID
            self.coupon = coupon
            self.miles = miles
            self.value = value
            self.currency = currency
            self.occurredAt = occurredAt
        }
    }

    /// Miles that paid for an order (or came back from it): what they paid, and the deferred value their lots carried.
    public struct MilesPayment: Sendable, Equatable {
        public let memberID: String
        /// The processor the booking engine recorded the payment under.
        public let processor: String
        public let reference: String
        public let miles: Int
        /// Minor units of `currency`.
        public let paymentValue: Int64
        public let deferredValue: Int64
        public let currency: CurrencyCode
        /// True when the miles came back.
        public let isReturn: Bool
        public let occurredAt: Int64

        public init(memberID: String, processor: String, reference: String, miles: Int, paymentValue: Int64, deferredValue: Int64,
                    currency: CurrencyCode, isReturn: Bool, occurredAt: Int64) {
            self.memberID = memberID
            self.processor = processor
            self.reference = reference
            self.miles = miles
            self.paymentValue = paymentValue
            self.deferredValue = deferredValue
            self.currency = currency
            self.isReturn = isReturn
            self.occurredAt = occurredAt
        }
    }

    case ticket(Ticket)
    case refund(Refund)
    case couponUse(CouponUse)
    case payment(Payment)
    case serviceSale(ServiceSale)
    case serviceClosure(ServiceClosure)
    case milesEarned(MilesMovement)
    case milesExpired(MilesMovement)
    case milesPayment(MilesPayment)
}
