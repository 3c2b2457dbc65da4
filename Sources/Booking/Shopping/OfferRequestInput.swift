import SkyportDomain

/// The body of `POST /v1/offer-requests`, as received. Fields are optional here so that a missing
/// one gets its own precise error from validation rather than a generic decoding failure.
public struct OfferRequestInput: Decodable, Sendable {
    public struct Slice: Decodable, Sendable {
        public var origin: String?
        public var destination: String?
        public var departureDate: String?
        public init(origin: String?, destination: String?, departureDate: String?) {
            self.origin = origin
            self.destination = destination
            self.departureDate = departureDate
        }
    }

    public struct Passenger: Decodable, Sendable {
        public var type: String?
        public init(type: String?) { self.type = type }
    }

    public var slices: [Slice]?
    public var passengers: [Passenger]?
    public var cabinClass: String?
    /// At most this many offers (1...200, default 50), cheapest and earliest first.
    public var maxOffers: Int?

    public init(slices: [Slice]?, passengers: [Passenger]?, cabinClass: String? = nil, maxOffers: Int? = nil) {
        self.slices = slices
        self.passengers = passengers
        self.cabinClass = cabinClass
        self.maxOffers = maxOffers
    }
}

/// A validated search.
public struct Search: Sendable, Hashable {
    public struct Slice: Sendable, Hashable {
        public let origin: AirportCode
        public let destination: AirportCode
        public let departureDate: LocalDate
    }

    public let slices: [Slice]
    public let passengers: [PassengerType]
    public let cabin: Cabin
    public let maxOffers: Int

    public var seatsNeeded: Int { passengers.filter(\.takesSeat).count }
}
