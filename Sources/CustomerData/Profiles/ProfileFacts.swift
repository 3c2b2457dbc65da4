import Foundation

/// What a profile's events add up to, kept up to date event by event (and combined when profiles
/// merge) so computed traits never need the whole history: orders, the last search and how much each
/// destination interests the person.
public struct ProfileFacts: Sendable, Equatable {
    public struct Order: Sendable, Equatable {
        public var total: Decimal?
        public var currency: String?
        public var destination: String?
        public var bookedAt: Int64
        public var cancelled: Bool
    }

    public struct Search: Sendable, Equatable, Codable {
        public var origin: String
        public var destination: String
        public var departureDate: String?
        public var returnDate: String?
        public var searchedAt: Int64

        enum CodingKeys: String, CodingKey {
            case origin, destination
            case departureDate = "departure_date"
            case returnDate = "return_date"
            case searchedAt = "searched_at"
        }
    }

    /// Orders by PNR: the site and the booking engine both report a purchase, and it counts once.
    public var orders: [String: Order] = [:]
    public var lastSearch: Search?
    /// Interest per destination airport: 3 a booking, 1 a search, 0.5 a flight viewed.
    public var destinationInterest: [String: Double] = [:]

    public init() {}

    /// The events `apply` reads.
    public static let eventNames: Set<String> = ["Products Searched", "Product Viewed", "Order Completed", "Order Cancelled"]

    /// Takes one event into account.
    public mutating func apply(_ event: TrackedEvent) {
        guard event.type == "track", let name = event.name else { return }
        let properties = event.properties
        switch name {
        case "Products Searched":
            guard let origin = properties["origin"]?.string?.uppercased(), let destination = properties["destination"]?.string?.uppercased() else { return }
            if lastSearch.map({ $0.searchedAt <= event.occurredAt }) ?? true {
                lastSearch = Search(origin: origin, destination: destination, departureDate: properties["departure_date"]?.string,
                                    returnDate: properties["return_date"]?.string, searchedAt: event.occurredAt)
            }
            destinationInterest[destination, default: 0] += 1
        case "Product Viewed":
            if let destination = properties["destination"]?.string?.uppercased() { destinationInterest[destination, default: 0] += 0.5 }
        case "Order Completed":
            guard let orderID = properties["order_id"]?.string, orders[orderID] == nil else { return }
            let destination = Self.destination(of: properties)
            let total = (properties["total"] ?? properties["revenue"])?.string.flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }
            orders[orderID] = Order(total: total, currency: properties["currency"]?.string?.uppercased(), destination: destination,
                                    bookedAt: event.occurredAt, cancelled: false)
            if let destination { destinationInterest[destination, default: 0] += 3 }
        case "Order Cancelled":
            guard let orderID = properties["order_id"]?.string else { return }
            if orders[orderID] == nil {
                orders[orderID] = Order(total: nil, currency: nil, destination: nil, bookedAt: event.occurredAt, cancelled: true)
            }
            orders[orderID]?.cancelled = true
        default:
            return
        }
    }

    /// The facts as stored: compact JSON, written and read without `Codable` (a tenth of the profile
    /// processor's CPU went to JSONEncoder and JSONDecoder, measured).
    public var stored: String {
        var object: [String: JSONValue] = ["interest": .object(destinationInterest.mapValues { .number($0) })]
        object["orders"] = .object(orders.mapValues { order in
            var fields: [String: JSONValue] = ["at": .number(Double(order.bookedAt)), "cancelled": .bool(order.cancelled)]
            if let total = order.total { fields["total"] = .string("\(total)") }
            if let currency = order.currency { fields["currency"] = .string(currency) }
            if let destination = order.destination { fields["destination"] = .string(destination) }
            return .object(fields)
        })
        if let search = lastSearch {
            var fields: [String: JSONValue] = ["origin": .string(search.origin), "destination": .string(search.destination),
                                               "at": .number(Double(search.searchedAt))]
            if let date = search.departureDate { fields["departure_date"] = .string(date) }
            if let date = search.returnDate { fields["return_date"] = .string(date) }
            object["search"] = .object(fields)
        }
        return JSONValue.object(object).json
    }

    /// Reads what `stored` wrote.
    public init(stored text: String) {
        let value = JSONValue(stored: text)
        for (destination, interest) in value["interest"]?.objectValue ?? [:] { destinationInterest[destination] = interest.number ?? 0 }
        for (id, order) in value["orders"]?.objectValue ?? [:] {
            orders[id] = Order(total: order["total"]?.string.flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) },
                               currency: order["currency"]?.string, destination: order["destination"]?.string,
                               bookedAt: order["at"]?.int64 ?? 0, cancelled: order["cancelled"] == .bool(true))
        }
        if let search = value["search"], let origin = search["origin"]?.string, let destination = search["destination"]?.string {
            lastSearch = Search(origin: origin, destination: destination, departureDate: search["departure_date"]?.string,
                                returnDate: search["return_date"]?.string, searchedAt: search["at"]?.int64 ?? 0)
        }
    }

    /// Combines the facts of two profiles that turned out to be one person.
    public mutating func merge(_ other: ProfileFacts) {
        for (id, order) in other.orders {
            if let mine = orders[id] {
                orders[id]?.cancelled = mine.cancelled || order.cancelled
                if mine.total == nil { orders[id] = Order(total: order.total, currency: order.currency, destination: order.destination,
                                                          bookedAt: order.bookedAt, cancelled: mine.cancelled || order.cancelled) }
            } else {
                orders[id] = order
            }
        }
        if let theirs = other.lastSearch, lastSearch.map({ $0.searchedAt < theirs.searchedAt }) ?? true { lastSearch = theirs }
        destinationInterest.merge(other.destinationInterest, uniquingKeysWith: +)
    }

    /// The destination of an order: `destination` on the order, or the arrival of its first product (outbound).
    static func destination(of properties: [String: JSONValue]) -> String? {
        if let destination = properties["destination"]?.string { return destination.uppercased() }
        if case .array(let products)? = properties["products"], let first = products.first {
            return first["destination"]?.string?.uppercased()
        }
        return nil
    }

    /// The computed traits as of `now` (milliseconds).
    public func computedTraits(now: Int64) -> ComputedTraits {
        let kept = orders.values.filter { !$0.cancelled }
        var spend: [String: Decimal] = [:]
        for order in kept { if let total = order.total, let currency = order.currency { spend[currency, default: 0] += total } }
        let lastBooking = kept.map(\.bookedAt).max()
        let favourite = destinationInterest.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        return ComputedTraits(
            tripsBooked: kept.count,
            totalSpend: spend.mapValues { "\($0)" },
            lastSearch: lastSearch,
            favouriteDestination: favourite,
            daysSinceLastBooking: lastBooking.map { Int(max(0, now - $0) / 86_400_000) })
    }
}

/// Traits Skyport computes from a profile's events.
public struct ComputedTraits: Sendable, Equatable, Codable {
    public let tripsBooked: Int
    /// Amount spent per currency (orders not cancelled), as decimal strings.
    public let totalSpend: [String: String]
    public let lastSearch: ProfileFacts.Search?
    public let favouriteDestination: String?
    public let daysSinceLastBooking: Int?

    enum CodingKeys: String, CodingKey {
        case tripsBooked = "trips_booked"
        case totalSpend = "total_spend"
        case lastSearch = "last_search"
        case favouriteDestination = "favourite_destination"
        case daysSinceLastBooking = "days_since_last_booking"
    }

    /// The names segment rules may use.
    public static let names: Set<String> = ["trips_booked", "total_spend", "last_search", "favourite_destination", "days_since_last_booking"]

    /// The traits as JSON values, for segment rules.
    public var values: [String: JSONValue] {
        var values: [String: JSONValue] = [
            "trips_booked": .number(Double(tripsBooked)),
            "total_spend": .object(totalSpend.mapValues { .string($0) }),
        ]
        if let lastSearch { values["last_search"] = .object(["origin": .string(lastSearch.origin), "destination": .string(lastSearch.destination)]) }
        if let favouriteDestination { values["favourite_destination"] = .string(favouriteDestination) }
        if let daysSinceLastBooking { values["days_since_last_booking"] = .number(Double(daysSinceLastBooking)) }
        return values
    }
}
