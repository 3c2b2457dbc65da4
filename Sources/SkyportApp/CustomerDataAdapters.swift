import Accounts
import Booking
import CustomerData
import Foundation
import Logging
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportWeb

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

    func popular(from origin: String?, limit: Int) async throws -> [Personalization.Market] {
        let since = now() - 30 * 86_400
        let sold = try await database.read { sql in
            try await BookingFiguresStore.marketsBySeatsSold(since: since, on: sql).map { Personalization.Market(origin: $0.origin, destination: $0.destination) }
        }
        let fallback = PopularRoutes.markets.map { Personalization.Market(origin: $0.0, destination: $0.1) }
        let fromOrigin = (sold + fallback).filter { origin == nil || $0.origin == origin }
        let anywhere = sold + fallback
        var seen = Set<String>()
        return (fromOrigin + anywhere).filter { seen.insert($0.origin + $0.destination).inserted }.prefix(limit).map { $0 }
    }
}

/// The home page's suggestions from the customer data platform: the visitor's last search with today's
/// lowest fare, then destinations ranked for them (or popular ones without a profile or consent).
struct PersonalizedSuggestions: SuggestionProvider {
    let personalization: Personalization
    let network: NetworkDirectory
    let fallback: PopularRoutes

    func suggestions(anonymousID: String, customerID: String?, today: LocalDate) async throws -> [Suggestion] {
        let recommendations: Personalization.Recommendations
        do {
            recommendations = try await personalization.recommendations(customerID: customerID, anonymousID: CustomerIdentifier(.anonymousID, anonymousID),
                                                                         today: today.iso, limit: 4)
        } catch {
            // The home page never fails for want of recommendations.
            return try await fallback.suggestions(anonymousID: anonymousID, customerID: customerID, today: today)
        }
        let snapshot = try await network.current()
        func name(_ code: String) -> String { snapshot.airports[code]?.name ?? code }
        var suggestions: [Suggestion] = []
        if let search = recommendations.continue_search, let date = LocalDate(iso: search.departure_date) {
            suggestions.append(Suggestion(origin: search.origin, destination: search.destination, destinationName: name(search.destination),
                                          departureDate: date, lowestFare: search.lowest_fare.map { .init(amount: $0.amount, currency: $0.currency) },
                                          continuesSearch: true))
        }
        for destination in recommendations.destinations where suggestions.count < 4
            && !suggestions.contains(where: { $0.origin == destination.origin && $0.destination == destination.destination })
            && snapshot.distance(from: destination.origin, to: destination.destination) != nil {
            suggestions.append(Suggestion(origin: destination.origin, destination: destination.destination,
                                          destinationName: name(destination.destination), departureDate: today.adding(days: 14)))
        }
        return suggestions
    }
}

/// Signing in, reported by the site's server as a Segment `identify`: the browser's anonymous id and
/// the customer become one profile even when scripts are blocked.
struct ServerSideVisitorEvents: VisitorEvents {
    let collector: EventCollector
    let logger: Logger
    /// Milliseconds since 1970.
    let now: @Sendable () -> Int64

    func signedIn(_ customer: Customer, anonymousID: String) async {
        do {
            let source = EventSources.FirstParty.webServer.source
            var traits: [String: Any] = ["email": customer.email, "first_name": customer.givenName, "last_name": customer.familyName]
            if let phone = customer.phone { traits["phone"] = phone }
            if let language = customer.preferredLanguage { traits["language"] = language }
            let message = try SegmentMessage(foundation: ["type": "identify", "userId": customer.id, "anonymousId": anonymousID, "traits": traits,
                                              "context": ["library": ["name": "skyport-web-server"]]],
                                             kind: nil, batchSentAt: nil, field: "")
            try await collector.collect([message], from: source, receivedAt: now())
        } catch {
            // Signing in must not fail because analytics did; the next browser event links them too.
            logger.warning("could not record the sign-in for customer data: \(error)", metadata: ["module": "cdp"])
        }
    }
}
