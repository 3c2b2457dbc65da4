import SkyportDomain
import SkyportStore

/// What checked bags cost on one flight for a fare: the bags included, and each bag's price by its place (the first
/// three, included ones at zero), as decimal text in `currency`.
public struct FlightBagPrices: Encodable, Sendable {
    public let flightId: String
    public let includedBags: Int
    public let prices: [String]
    public let currency: String

    init(flightID: String, included: Int, distanceMiles: Int, currency: CurrencyCode) {
        flightId = flightID
        includedBags = included
        prices = (1...BaggagePolicy.maximumBags).compactMap {
            BaggagePolicy.price(ordinal: $0, included: included, distanceMiles: distanceMiles, currency: currency)?.decimalString
        }
        self.currency = currency.code
    }
}

extension SeatsAndBagsService {
    /// Bag prices on each flight of an offer, for its fare brand and `extraBags` a member's tier adds.
    public func bagPrices(offerID: String, extraBags: Int = 0) async throws -> [FlightBagPrices] {
        guard let claims = tokens.decode(offerID) else {
            throw ServiceError(.notFound, code: .offerNotFound, message: "No offer has this id.", field: "offer_id")
        }
        let currency = CurrencyCode(claims.currency) ?? .usd
        return try await database.read { sql in
            var prices: [FlightBagPrices] = []
            for segment in claims.segments {
                guard let seating = try await FlightSeating.load(flightID: segment.flightID, on: sql) else { continue }
                prices.append(FlightBagPrices(flightID: segment.flightID, included: BaggagePolicy.includedBags(claims.brand) + extraBags,
                                              distanceMiles: seating.distanceMiles, currency: currency))
            }
            return prices
        }
    }

    /// Bag prices on each flight of an order, for its allowance.
    public func bagPrices(orderID: String) async throws -> [FlightBagPrices] {
        try await database.read { sql in
            let context = try await OrderContext.load(orderID, locking: false, on: sql)
            var prices: [FlightBagPrices] = []
            for segment in context.segments {
                guard let seating = try await FlightSeating.load(flightID: segment.flight_id, on: sql) else { continue }
                prices.append(FlightBagPrices(flightID: segment.flight_id, included: context.includedBags, distanceMiles: seating.distanceMiles,
                                              currency: context.currency))
            }
            return prices
        }
    }
}
