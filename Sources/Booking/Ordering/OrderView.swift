import SkyportDomain

/// An order as the API shows it to its owner.
public struct OrderView: Encodable, Sendable {
    public struct Passenger: Encodable, Sendable {
        public let id: String
        public let type: String
        public let givenName: String
        public let familyName: String
        public let birthDate: String?
        public let ticketNumber: String
    }

    public struct Contact: Encodable, Sendable {
        public let email: String
        public let phoneNumber: String
    }

    public struct Payment: Encodable, Sendable {
        public let id: String
        public let type: String
        public let amount: String
        public let currency: String
        /// The card's network, or `miles`.
        public let cardBrand: String?
        /// The card's or the membership number's last four digits.
        public let cardLastFour: String?
        /// Miles spent, for a payment from miles.
        public let miles: Int?
        public let createdAt: String
    }

    /// One passenger's coupon on one flight: where it stands (`open`, `checked_in`, `boarded`, `flown`, `no_show`,
    /// `refunded`, `exchanged`) and the seat.
    public struct Coupon: Encodable, Sendable {
        public let passengerId: String
        public let flightId: String
        public let ticketNumber: String
        public let couponNumber: Int
        public let status: CouponStatus
        public let seat: String?
        public let checkedInAt: String?
        public let boardedAt: String?
    }

    /// A paid item: a seat in a zone that costs extra, or a checked bag (with where it is).
    public struct Service: Encodable, Sendable {
        public let id: String
        public let type: OrderServiceKind
        public let passengerId: String
        public let flightId: String
        public let designator: String
        public let totalAmount: String
        public let totalCurrency: String
        public let status: OrderServiceStatus
        public let deliveryStatus: BagDeliveryStatus?
        public let refundedAmount: String
    }

    public let id: String
    public let bookingReference: String
    public let status: OrderStatus
    public let createdAt: String
    public let cancelledAt: String?
    public let cabinClass: String
    public let fareBrand: String
    public let conditions: OfferView.Conditions
    public let baseAmount: String
    public let taxAmount: String
    public let totalAmount: String
    public let totalCurrency: String
    public let passengers: [Passenger]
    public let slices: [OfferView.Slice]
    public let contact: Contact
    public let payments: [Payment]
    /// Miles the order's payments took (nil when it was paid in cash only).
    public let milesSpent: Int?
    /// Whether the tickets are awards, paid with miles.
    public let award: Bool
    public let coupons: [Coupon]
    /// Every paid item, active or not.
    public let services: [Service]
    /// What the active items cost.
    public let servicesTotalAmount: String
    /// Checked bags each passenger has without paying on each flight: the fare's and a member's tier's.
    public let includedCheckedBags: Int
    /// The tier benefits of the member whose account made the order, as they stood then; nil for others.
    public let memberBenefits: MemberBenefits?
}
