/// The price of a set of passengers on a set of flights, each flight in its booking class.
public struct ItineraryPricing: Sendable, Hashable {
    /// fares[passenger][segment]
    public let fares: [[PassengerFare]]
    public let currency: CurrencyCode

    public init(passengers: [PassengerType], segments: [(distanceMiles: Int, bookingClass: BookingClass)], pricing: FarePricing) {
        currency = pricing.currency
        fares = passengers.map { type in
            segments.map { pricing.fare(for: type, bookingClass: $0.bookingClass, distanceMiles: $0.distanceMiles) }
        }
    }

    /// Fares already priced, `fares[passenger][segment]`.
    public init(fares: [[PassengerFare]], currency: CurrencyCode) {
        self.fares = fares
        self.currency = currency
    }

    public var base: Money { fares.joined().map(\.base).sum(in: currency) }
    public var taxes: Money { fares.joined().map(\.taxTotal).sum(in: currency) }
    /// Always `base + taxes`: the sum of every passenger's every fare.
    public var total: Money { base + taxes }

    public static func == (lhs: ItineraryPricing, rhs: ItineraryPricing) -> Bool { lhs.fares == rhs.fares }
    public func hash(into hasher: inout Hasher) { hasher.combine(fares) }
}
