/// What a seat costs to choose, by its zone, the fare brand and the flight's length: the airline this project follows
/// charges for extra-legroom seats (bulkhead and exit rows) and for the front of economy, and for nothing else.
///
/// Business seats are included in every business fare; Economy Flex includes the front zone. A chosen seat is an order
/// item with its own price: kept when the passenger moves to another seat of the same or a cheaper zone, the difference
/// collected for a dearer one, refunded with a refundable fare's cancellation, and refunded whenever the airline moves
/// the passenger and cannot give a seat of the same zone.
public enum SeatPricing {
    /// Flights up to this many miles are short-haul for seat prices.
    public static let shortHaulMiles = 1_000
    /// Flights beyond this many miles are long-haul for seat prices.
    public static let longHaulMiles = 2_500

    /// The price of one seat of `zone` in `cabin`, for a passenger on a `brand` fare on a flight of `distanceMiles`.
    public static func price(zone: SeatZone, cabin: Cabin, brand: FareBrand, distanceMiles: Int, currency: CurrencyCode) -> Money {
        guard cabin == .economy else { return Money(minorUnits: 0, currency: currency) }
        let band = distanceMiles <= shortHaulMiles ? 0 : distanceMiles <= longHaulMiles ? 1 : 2
        let dollars: Int64
        switch zone {
        case .standard: dollars = 0
        case .front: dollars = brand == .flex ? 0 : [12, 20, 30][band]
        case .extraLegroom: dollars = [25, 45, 65][band]
        }
        return Money(minorUnits: dollars * 100, currency: currency)
    }

    /// What moving from a seat paid `paid` to one priced `price` collects: the difference when dearer, nothing when the
    /// same or cheaper (a cheaper seat is chosen freely; the difference is not refunded).
    public static func due(moving paid: Money, to price: Money) -> Money {
        price.minorUnits > paid.minorUnits ? Money(minorUnits: price.minorUnits - paid.minorUnits, currency: price.currency)
            : Money(minorUnits: 0, currency: price.currency)
    }

    /// Whether a paid seat is refunded when its order is cancelled by the passenger: only with a refundable fare.
    public static func refundedOnCancellation(_ conditions: FareConditions) -> Bool { conditions.refundable }
}
