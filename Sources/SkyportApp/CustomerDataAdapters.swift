import Booking
import CustomerData
import Foundation
import SQLKit
import SkyportStore

/// Today's lowest fare for personalization, priced by the booking engine from live inventory (the same
/// offers a search shows).
struct BookingFareQuotes: FareQuoting {
    let shopping: ShoppingService

    func lowestFare(origin: String, destination: String, date: String) async throws -> Personalization.Fare? {
        let input = OfferRequestInput(slices: [.init(origin: origin, destination: destination, departureDate: date)],
                                      passengers: [.init(type: "adult")], cabinClass: "economy", maxOffers: 200)
        // A market that is not sold, or a date out of the schedule, simply has no fare to show.
        guard let result = try? await shopping.search(input) else { return nil }
        let cheapest = result.offers.min { (Decimal(string: $0.totalAmount) ?? .greatestFiniteMagnitude) < (Decimal(string: $1.totalAmount) ?? .greatestFiniteMagnitude) }
        return cheapest.map { Personalization.Fare(amount: $0.totalAmount, currency: $0.totalCurrency) }
    }
}

/// Routes ranked by the seats sold on them in the last 30 days, then the network's best-known markets.
struct BookingPopularDestinations: PopularDestinations {
    let database: any Database
    /// Seconds since 1970.
    let now: @Sendable () -> Int64
    static let markets = [("JFK", "LAX"), ("JFK", "SFO"), ("EWR", "ORD"), ("LGA", "ATL"), ("JFK", "MCO"), ("EWR", "BOS"), ("JFK", "MIA"), ("LGA", "ORD")]

    func popular(from origin: String?, limit: Int) async throws -> [Personalization.Market] {
        let since = now() - 30 * 86_400
        let sold = try await database.read { sql in
            try await sql.raw("""
                SELECT f.origin, f.destination, SUM(s.seats) AS seats FROM order_segments s
                JOIN orders o ON o.id = s.order_id JOIN flights f ON f.id = s.flight_id
                WHERE o.created_at >= \(bind: since) AND o.status = 'confirmed' AND s.position = 0
                GROUP BY f.origin, f.destination ORDER BY seats DESC, f.origin, f.destination LIMIT 50
                """).all().map { Personalization.Market(origin: try $0.decode(column: "origin", as: String.self),
                                                         destination: try $0.decode(column: "destination", as: String.self)) }
        }
        let fallback = Self.markets.map { Personalization.Market(origin: $0.0, destination: $0.1) }
        let fromOrigin = (sold + fallback).filter { origin == nil || $0.origin == origin }
        let anywhere = sold + fallback
        var seen = Set<String>()
        return (fromOrigin + anywhere).filter { seen.insert($0.origin + $0.destination).inserted }.prefix(limit).map { $0 }
    }
}
