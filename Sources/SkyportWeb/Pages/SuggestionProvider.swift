import Accounts
import Booking
import Foundation
import Hummingbird
import SkyportDomain
import SkyportHTTP

/// A trip the home page suggests, with the search that finds it.
public struct Suggestion: Sendable, Hashable {
    public let origin: String
    public let destination: String
    public let destinationName: String
    public let departureDate: LocalDate
    /// Today's lowest fare, when known.
    public let lowestFare: Fare?
    /// The visitor's own last search, to continue.
    public let continuesSearch: Bool

    /// A decimal amount and its ISO 4217 currency.
    public struct Fare: Sendable, Hashable {
        public let amount: String
        public let currency: String

        public init(amount: String, currency: String) {
            self.amount = amount
            self.currency = currency
        }
    }

    public init(origin: String, destination: String, destinationName: String, departureDate: LocalDate,
                lowestFare: Fare? = nil, continuesSearch: Bool = false) {
        self.origin = origin
        self.destination = destination
        self.destinationName = destinationName
        self.departureDate = departureDate
        self.lowestFare = lowestFare
        self.continuesSearch = continuesSearch
    }
}

/// Fills the home page's suggestions: personalized per visitor by the customer data platform, or
/// popular routes of the network for everyone.
public protocol SuggestionProvider: Sendable {
    func suggestions(anonymousID: String, customerID: String?, today: LocalDate) async throws -> [Suggestion]
}

/// The same popular routes for everyone, limited to markets the network flies.
public struct PopularRoutes: SuggestionProvider {
    private let network: NetworkDirectory
    /// The network's best-known markets, most popular first (also where personalization starts from
    /// before anything has sold).
    public static let markets = [("JFK", "LAX"), ("JFK", "SFO"), ("EWR", "ORD"), ("LGA", "ATL"), ("JFK", "MCO"), ("EWR", "BOS"), ("JFK", "MIA"), ("LGA", "ORD")]

    public init(network: NetworkDirectory) {
        self.network = network
    }

    public func suggestions(anonymousID: String, customerID: String?, today: LocalDate) async throws -> [Suggestion] {
        let snapshot = try await network.current()
        return Self.markets.filter { snapshot.distance(from: $0.0, to: $0.1) != nil }.prefix(4).map {
            Suggestion(origin: $0.0, destination: $0.1, destinationName: snapshot.airports[$0.1]?.name ?? $0.1,
                       departureDate: today.adding(days: 14))
        }
    }
}
