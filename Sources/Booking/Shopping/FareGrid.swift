import SkyportDomain

/// The flights of each slice with the price of every fare brand of the cabin, as a results
/// page lists them: each slice priced on its own, for the whole party.
public struct FareGrid: Sendable {
    /// One brand's cheapest open fare on one flight.
    public struct Fare: Sendable, Hashable {
        public let brand: FareBrand
        /// For every passenger of the search, taxes included.
        public let total: Money
        /// Seats left at this price when nine or fewer, else nil.
        public let seatsLeft: Int?
    }

    /// A flight and its fares, in the order of `FareGrid.brands` (nil where the brand is closed).
    public struct Row: Sendable {
        public let flight: OfferView.Segment
        public let departsAt: Int64
        public let durationMinutes: Int
        public let fares: [Fare?]

        /// The cheapest open fare, or nil when the flight is sold out in this cabin.
        public var lowest: Fare? { fares.compactMap { $0 }.min { $0.total.minorUnits < $1.total.minorUnits } }
    }

    public let search: Search
    /// One list per slice, earliest departure first; fares in the order of `brands`.
    public let slices: [[Row]]

    /// The brands of the searched cabin, cheapest first.
    public var brands: [FareBrand] { search.cabin.brands }
}

/// The lowest fare of one departure date, or nil when nothing is on sale that day.
public struct DayFare: Sendable, Hashable {
    public let date: LocalDate
    public let lowest: Money?
}

/// A flight and brand the customer picked on one slice of a search.
public struct FareSelection: Sendable, Hashable {
    public let flightID: String
    public let brand: FareBrand

    public init(flightID: String, brand: FareBrand) {
        self.flightID = flightID
        self.brand = brand
    }
}
