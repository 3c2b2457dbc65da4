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
}

/// Fills the home page's suggestions. The customer data platform personalizes them per visitor;
/// until it is wired in, popular routes of the network are shown to everyone.
public protocol SuggestionProvider: Sendable {
    func suggestions(browserID: String, customerID: String?, today: LocalDate) async throws -> [Suggestion]
}

/// The same popular routes for everyone, limited to markets the network flies.
public struct PopularRoutes: SuggestionProvider {
    private let network: NetworkDirectory
    private static let markets = [("JFK", "LAX"), ("JFK", "SFO"), ("EWR", "ORD"), ("LGA", "ATL"), ("JFK", "MCO"), ("EWR", "BOS")]

    public init(network: NetworkDirectory) {
        self.network = network
    }

    public func suggestions(browserID: String, customerID: String?, today: LocalDate) async throws -> [Suggestion] {
        let snapshot = try await network.current()
        return Self.markets.filter { snapshot.distance(from: $0.0, to: $0.1) != nil }.prefix(4).map {
            Suggestion(origin: $0.0, destination: $0.1, destinationName: snapshot.airports[$0.1]?.name ?? $0.1,
                       departureDate: today.adding(days: 14))
        }
    }
}
