import Foundation
import SkyportDomain
import SkyportStore

/// The answer to an offer request.
public struct OfferRequestResult: Encodable, Sendable {
    public let id: String
    public let createdAt: String
    public let cabinClass: String
    public let passengers: [[String: String]]
    public let slices: [[String: String]]
    public let offers: [OfferView]
}

/// Shopping: prices the flights of a search from live inventory into signed, expiring offers.
public struct ShoppingService: Sendable {
    /// Offers are honoured for this long.
    public static let offerLifetime: TimeInterval = 30 * 60
    /// Flights stop selling this long before departure.
    public static let salesCutoff: TimeInterval = 60 * 60

    let database: any Database
    let network: NetworkDirectory
    let tokens: OfferToken
    let pricing: FarePricing
    let clock: BookingClock
    let loyalty: LoyaltyProgramme?
    /// What searches read, kept per inventory version (shared by every call on this service).
    let cache = AvailabilityCache()

    /// The last departure time (epoch seconds) still on sale at `now`.
    public static func salesCutoff(at now: Date) -> Int64 {
        Int64(now.addingTimeInterval(salesCutoff).timeIntervalSince1970)
    }

    public init(database: any Database, network: NetworkDirectory, tokens: OfferToken, pricing: FarePricing, clock: BookingClock,
                loyalty: LoyaltyProgramme? = nil) {
        self.loyalty = loyalty
        self.database = database
        self.network = network
        self.tokens = tokens
        self.pricing = pricing
        self.clock = clock
    }

    /// Validates `input` and returns the offers, cheapest and earliest first.
    public func search(_ input: OfferRequestInput) async throws -> OfferRequestResult {
        let request = try await prepare(input)
        let now = request.now, search = request.search, builder = request.builder
        // The same search at the same inventory versions gets the same answer, for up to a minute.
        let days = Self.marketDays(of: search)
        let key = AvailabilityCache.SearchKey(search: search, versions: try await versions(of: days))
        let moment = Int64(now.timeIntervalSince1970)
        if let answer = cache.answer(key, now: moment) { return answer }
        let flightsPerSlice = try await flightsOnSale(request, versions: key.versions)
        let requestID = Identifier.make(prefix: "orq")
        let expiresAt = request.offerExpiry
        var candidates: [OfferBuilder.Candidate] = []
        for brand in search.cabin.brands {
            candidates += builder.candidates(brand: brand, flightsPerSlice: flightsPerSlice, search: search)
        }
        // One-way: by departure, then price. Round trip: cheapest first.
        candidates.sort { search.slices.count == 1
            ? ($0.firstDeparture, $0.total) < ($1.firstDeparture, $1.total)
            : ($0.total, $0.firstDeparture) < ($1.total, $1.firstDeparture) }
        let offers = candidates.prefix(search.maxOffers).map { builder.render($0, search: search, requestID: requestID, expiresAt: expiresAt) }
        let result = OfferRequestResult(
            id: requestID,
            createdAt: APITime.utc(now),
            cabinClass: search.cabin.rawValue,
            passengers: search.passengers.map { ["type": $0.rawValue] },
            slices: search.slices.map { ["origin": $0.origin.value, "destination": $0.destination.value, "departure_date": $0.departureDate.iso] },
            offers: offers)
        // Kept until the first listed flight reaches its sales cut-off, a minute at most.
        let closing = flightsPerSlice.joined().map { $0.departsAt - Int64(Self.salesCutoff) }.min() ?? .max
        cache.store(result, for: key, validUntil: min(moment + AvailabilityCache.answerLifetime, closing))
        return result
    }
}
