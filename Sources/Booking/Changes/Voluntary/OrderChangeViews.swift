/// A priced way to change one slice of an order, as the API shows it (Duffel's order change offer): the new flight,
/// the change fee, the fare difference, what is due now and what goes back.
public struct OrderChangeOfferView: Encodable, Sendable {
    public let id: String
    public let expiresAt: String
    public let removedFlightId: String
    public let slice: OfferView.Slice
    public let fareBrand: String
    public let changeFeeAmount: String
    /// New fares minus old ones, taxes included; negative when cheaper.
    public let fareDifferenceAmount: String
    /// What the passenger pays to confirm.
    public let changeTotalAmount: String
    /// What goes back to the card.
    public let refundAmount: String
    /// The order's fares after the change.
    public let newTotalAmount: String
    public let totalCurrency: String
    /// Seats left at this price when nine or fewer.
    public let availableSeats: Int?
}

/// The answer to `POST /v1/order-change-requests`: the offers for the slice on the date asked, cheapest first.
public struct OrderChangeRequestView: Encodable, Sendable {
    public let id: String
    public let orderId: String
    public let removedFlightId: String
    public let departureDate: String
    public let orderChangeOffers: [OrderChangeOfferView]
}

/// A confirmed change (`POST /v1/order-changes`): what was collected and refunded, and the order after it.
public struct OrderChangeView: Encodable, Sendable {
    public let id: String
    public let orderId: String
    public let removedFlightId: String
    public let addedFlightId: String
    public let changeTotalAmount: String
    public let refundAmount: String
    public let totalCurrency: String
    public let confirmedAt: String
    public let order: OrderView
}
