import SkyportDomain
import SkyportStore

/// What checked bags cost on one flight for a fare: the bags included, and each bag's price by its place (the first
/// three, included ones at zero), as decimal text in `currency`.
public struct FlightBagPrices: Encodable, Sendable {
    public let flightId: String
    public let includedBags: Int
    public let prices: [String]
    public let currency: String

    init(flightID: String, brand: FareBrand, distanceMiles: Int, currency: CurrencyCode) {
        flightId = flightID
        includedBags = BaggagePolicy.includedBags(brand)
        prices = (1...BaggagePolicy.maximumBags).compactMap {
            BaggagePolicy.price(ordinal: $0, brand: brand, distanceMiles: distanceMiles, currency: currency)?.decimalString
        }
        self.currency = currency.code
    }
}

extension SeatsAndBagsService {
    /// Bag prices on each flight of an offer, for its fare brand.
    public func bagPrices(offerID: String) async throws -> [FlightBagPrices] {
        guard let claims = tokens.decode(offerID) else {
            throw ServiceError(.notFound, code: .offerNotFound, message: "No offer has this id.", field: "offer_id")
        }
        let currency = CurrencyCode(claims.currency) ?? .usd
        return try await database.read { sql in
            var prices: [FlightBagPrices] = []
            for segment in claims.segments {
                guard let seating = try await FlightSeating.load(flightID: segment.flightID, on: sql) else { continue }
                prices.append(FlightBagPrices(flightID: segment.flightID, brand: claims.brand, distanceMiles: seating.distanceMiles, currency: currency))
            }
            return prices
        }
    }

    /// Bag prices on each flight of an order, for its fare brand.
    public func bagPrices(orderID: String) async throws -> [FlightBagPrices] {
        try await database.read { sql in
            let context = try await OrderContext.load(orderID, locking: false, on: sql)
            var prices: [FlightBagPrices] = []
            for segment in context.segments {
                guard let seating = try await FlightSeating.load(flightID: segment.flight_id, on: sql) else { continue }
                prices.append(FlightBagPrices(flightID: segment.flight_id, brand: context.brand, distanceMiles: seating.distanceMiles, currency: context.currency))
            }
            return prices
        }
    }
}
