import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// Today's lowest fare for a market, from the booking engine.
public protocol FareQuoting: Sendable {
    /// The lowest one-way economy fare for one adult on `date` (YYYY-MM-DD), or nil when nothing is on sale.
    func lowestFare(origin: String, destination: String, date: String) async throws -> Personalization.Fare?
}

/// What sells, for visitors the profile says little about.
public protocol PopularDestinations: Sendable {
    /// Destinations ranked by recent bookings, from `origin` when given.
    func popular(from origin: String?, limit: Int) async throws -> [Personalization.Market]
}

/// The home page's recommendations for one visitor: continue the last search with today's lowest
/// fare, and destinations ranked from the profile's history (bookings count three, searches one,
/// flights viewed a half) and then popular routes. Without consent to personalization, only
/// popular routes, and the answer says so.
public struct Personalization: Sendable {
    public struct Fare: Sendable, Encodable, Equatable {
        public let amount: String
        public let currency: String

        public init(amount: String, currency: String) {
            self.amount = amount
            self.currency = currency
        }
    }

    public struct Market: Sendable, Encodable, Equatable {
        public let origin: String
        public let destination: String

        public init(origin: String, destination: String) {
            self.origin = origin
            self.destination = destination
        }
    }

    public struct ContinueSearch: Sendable, Encodable, Equatable {
        public let origin: String
        public let destination: String
        public let departure_date: String
        public let return_date: String?
        public let searched_at: Int64
        public let lowest_fare: Fare?
    }

    public struct Destination: Sendable, Encodable, Equatable {
        public let origin: String
        public let destination: String
        /// `history` (from the profile) or `popular`.
        public let reason: String
    }

    public struct Recommendations: Sendable, Encodable, Equatable {
        public let personalized: Bool
        /// Why not personalized: `no_profile` or `no_consent`.
        public let reason: String?
        public let continue_search: ContinueSearch?
        public let destinations: [Destination]
    }

    let database: any Database
    let fares: any FareQuoting
    let popular: any PopularDestinations
    /// Milliseconds since 1970.
    let now: @Sendable () -> Int64
    /// Where recommendations start from when the profile has no search: the network's hub.
    let homeAirport: String

    public init(database: any Database, fares: any FareQuoting, popular: any PopularDestinations, homeAirport: String = "JFK",
                now: @escaping @Sendable () -> Int64) {
        self.database = database
        self.fares = fares
        self.popular = popular
        self.homeAirport = homeAirport
        self.now = now
    }

    /// Recommendations for a visitor. `customerID` is the signed-in customer (from the site's session, never
    /// from the request): their whole profile counts. Otherwise only what the browser `anonymousID` itself
    /// sent counts, even when its profile has been linked to a person: anyone can send any anonymous id, so
    /// a browser must never read back another's searches. `today` is the calendar date at the origin (YYYY-MM-DD).
    public func recommendations(customerID: String?, anonymousID: CustomerIdentifier?, today: String, limit: Int = 4) async throws -> Recommendations {
        let found: (id: String, facts: ProfileFacts, consent: Bool)? = try await database.read { sql in
            var profile: (id: String, facts: ProfileFacts)?
            if let customerID, let id = try await ProfileStore.profileID(of: CustomerIdentifier(.userID, customerID), on: sql),
               let stored = try await ProfileStore.facts(of: [id], on: sql)[id] {
                profile = (id, stored.facts)
            } else if let anonymousID, let id = try await ProfileStore.profileID(of: anonymousID, on: sql) {
                profile = (id, try await Self.browserFacts(of: id, anonymousID: anonymousID, on: sql))
            }
            guard let profile else { return nil }
            let consent = try await ProfileStore.consents(of: [profile.id], on: sql)[profile.id]?[.personalization] ?? false
            return (profile.id, profile.facts, consent)
        }
        guard let found, found.consent else {
            return Recommendations(personalized: false, reason: found == nil ? "no_profile" : "no_consent", continue_search: nil,
                                   destinations: try await popularDestinations(from: homeAirport, excluding: [], limit: limit))
        }
        var continueSearch: ContinueSearch?
        var origin = homeAirport
        if let search = found.facts.lastSearch {
            origin = search.origin
            let date = (search.departureDate ?? today) >= today ? (search.departureDate ?? today) : today
            continueSearch = ContinueSearch(origin: search.origin, destination: search.destination, departure_date: date,
                                            return_date: search.returnDate.flatMap { $0 > date ? $0 : nil }, searched_at: search.searchedAt,
                                            lowest_fare: try await fares.lowestFare(origin: search.origin, destination: search.destination, date: date))
        }
        let ranked = found.facts.destinationInterest.filter { $0.key != origin }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        var destinations = ranked.prefix(limit).map { Destination(origin: origin, destination: $0.key, reason: "history") }
        if destinations.count < limit {
            destinations += try await popularDestinations(from: origin, excluding: Set(destinations.map(\.destination)).union([origin]),
                                                          limit: limit - destinations.count)
        }
        return Recommendations(personalized: true, reason: nil, continue_search: continueSearch, destinations: destinations)
    }

    /// The most recent events of a browser that personalization reads.
    static let browserEventLimit = 500

    /// What the browser `anonymousID` told about itself, within profile `id`: the stored facts when the profile
    /// is that browser's alone (no other anonymous id, nothing verified), else its own latest events replayed.
    static func browserFacts(of id: String, anonymousID: CustomerIdentifier, on sql: any SQLDatabase) async throws -> ProfileFacts {
        let identifiers = try await ProfileStore.identifiers(of: [id], on: sql)
        if identifiers.allSatisfy({ $0.identifier == anonymousID || ($0.identifier.type != .anonymousID && !$0.verified) }),
           let stored = try await ProfileStore.facts(of: [id], on: sql)[id] {
            return stored.facts
        }
        let rows = try await sql.raw("""
            SELECT \(ProfileStore.eventColumns) FROM cdp_profile_events p JOIN cdp_events e ON e.id = p.event_id
            WHERE p.profile_id = \(bind: id) AND e.anonymous_id = \(bind: anonymousID.value)
              AND p.event IN (\(binds: ProfileFacts.eventNames.sorted()))
            ORDER BY p.event_id DESC LIMIT \(bind: browserEventLimit)
            """).all()
        var facts = ProfileFacts()
        for row in rows.reversed() { facts.apply(try ProfileStore.event(row)) }
        return facts
    }

    private func popularDestinations(from origin: String, excluding: Set<String>, limit: Int) async throws -> [Destination] {
        var seen = excluding
        return try await popular.popular(from: origin, limit: limit + excluding.count)
            .filter { seen.insert($0.destination).inserted }
            .prefix(limit).map { Destination(origin: $0.origin, destination: $0.destination, reason: "popular") }
    }
}
