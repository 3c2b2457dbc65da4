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
        public let cardBrand: String?
        public let cardLastFour: String?
        public let createdAt: String
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
}
