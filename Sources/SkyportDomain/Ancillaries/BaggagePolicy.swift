/// Checked bags: the allowance each fare brand includes, and the price of each bag beyond it, by the bag's place
/// (first, second, third paid bag) and the flight's length, per passenger and flight.
///
/// A paid bag is refunded in full until it is dropped off at the airport; once dropped off it is used.
public enum BaggagePolicy {
    /// Bags a passenger may have in all, included and paid.
    public static let maximumBags = 3
    /// Flights beyond this many miles are long-haul for bag prices.
    public static let longHaulMiles = 3_000
    /// The weight one checked bag may have, in kilograms (printed on the boarding pass and the receipt).
    public static let bagWeightKilograms = 23

    /// Checked bags included in a fare of `brand`.
    public static func includedBags(_ brand: FareBrand) -> Int {
        switch brand {
        case .basic: 0
        case .standard, .flex: 1
        case .business, .businessFlex: 2
        }
    }

    /// The price of the bag at `ordinal` (1 for a passenger's first bag, counting included ones) on a flight of
    /// `distanceMiles`, for a `brand` fare: zero within the allowance; nil beyond `maximumBags`.
    public static func price(ordinal: Int, brand: FareBrand, distanceMiles: Int, currency: CurrencyCode) -> Money? {
        price(ordinal: ordinal, included: includedBags(brand), distanceMiles: distanceMiles, currency: currency)
    }

    /// The price of the bag at `ordinal` for a passenger whose allowance is `included` bags (the fare's and a tier's).
    public static func price(ordinal: Int, included: Int, distanceMiles: Int, currency: CurrencyCode) -> Money? {
        guard ordinal >= 1, ordinal <= maximumBags else { return nil }
        guard ordinal > included else { return Money(minorUnits: 0, currency: currency) }
        let prices: [Int64] = distanceMiles > longHaulMiles ? [60, 100, 200] : [35, 45, 150]
        return Money(minorUnits: prices[ordinal - 1] * 100, currency: currency)
    }

    /// The prices of `count` more bags for a passenger who already has `existing` (included ones count), in order;
    /// nil when that would pass `maximumBags`.
    public static func prices(adding count: Int, existing: Int, included: Int, distanceMiles: Int, currency: CurrencyCode) -> [Money]? {
        guard count >= 0 else { return nil }
        var prices: [Money] = []
        for ordinal in stride(from: existing + 1, through: existing + count, by: 1) {
            guard let price = price(ordinal: ordinal, included: included, distanceMiles: distanceMiles, currency: currency) else { return nil }
            prices.append(price)
        }
        return prices
    }
}

/// Where a paid checked bag is, from purchase to the destination's belt.
public enum BagDeliveryStatus: String, Sendable, Codable, CaseIterable, Hashable {
    /// Paid for; not yet at the airport. Refundable.
    case booked
    /// Dropped off and tagged at the airport.
    case droppedOff = "dropped_off"
    /// Loaded on the aircraft (the flight departed with it).
    case loaded

    /// Whether a refund is still possible.
    public var isRefundable: Bool { self == .booked }
}
