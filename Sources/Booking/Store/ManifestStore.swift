import SQLKit
import SkyportStore

/// One booking's part on one flight, as operations read it to tell, rebook or count its passengers.
public struct FlightBooking: Decodable, Sendable, Equatable {
    public let orderID: String
    public let flightID: String
    public let recordLocator: String
    public let status: OrderStatus
    public let customerID: String?
    /// The language the booking was made in, if it recorded one.
    public let language: String?
    public let contactEmail: String
    public let cabin: String
    public let seats: Int
    public let passengers: Int
    public let totalAmount: Int64
    public let currency: String

    enum CodingKeys: String, CodingKey {
        case status, language, cabin, seats, passengers, currency
        case orderID = "order_id", flightID = "flight_id", recordLocator = "record_locator", customerID = "customer_id"
        case contactEmail = "contact_email", totalAmount = "total_amount"
    }
}

/// A change made to a booking because of a disruption: a move to another flight, or a refund.
public struct DisruptionChange: Decodable, Sendable, Equatable {
    public let orderID: String
    public let kind: String
    public let toFlightID: String?
    public let createdAt: Int64

    enum CodingKeys: String, CodingKey {
        case kind
        case orderID = "order_id", toFlightID = "to_flight_id", createdAt = "created_at"
    }
}

/// Who is booked on which flight, as other modules (Operations) read it, in the caller's transaction.
public enum ManifestStore {
    static let columns = """
        o.id AS order_id, s.flight_id, o.record_locator, o.status, o.customer_id, o.language, o.contact_email, s.cabin, s.seats,
        (SELECT COUNT(*) FROM order_passengers p WHERE p.order_id = o.id) AS passengers, o.total_amount, o.currency
        FROM order_segments s JOIN orders o ON o.id = s.order_id
        """

    /// The bookings with a segment on any of `flightIDs` (only confirmed ones with `confirmedOnly`), by flight and position.
    public static func bookings(onFlights flightIDs: some Collection<String>, confirmedOnly: Bool,
                                on sql: any SQLDatabase) async throws -> [FlightBooking] {
        let status: SQLQueryString = confirmedOnly ? " AND o.status = 'confirmed'" : ""
        var found: [FlightBooking] = []
        for chunk in Array(Set(flightIDs)).sorted().chunks(of: 500) {
            found += try await sql.raw("""
                SELECT \(unsafeRaw: columns) WHERE s.flight_id IN (\(binds: Array(chunk)))\(status) ORDER BY s.flight_id, o.record_locator
                """).all(decoding: FlightBooking.self)
        }
        return found
    }

    /// Every segment of the bookings `orderIDs`, in each booking's order.
    public static func bookings(_ orderIDs: some Collection<String>, on sql: any SQLDatabase) async throws -> [FlightBooking] {
        var found: [FlightBooking] = []
        for chunk in Array(Set(orderIDs)).sorted().chunks(of: 500) {
            found += try await sql.raw("""
                SELECT \(unsafeRaw: columns) WHERE o.id IN (\(binds: Array(chunk))) ORDER BY o.record_locator, s.position
                """).all(decoding: FlightBooking.self)
        }
        return found
    }

    /// The reference and contact email of each booking of `orderIDs`, by booking.
    public static func contacts(of orderIDs: some Collection<String>, on sql: any SQLDatabase) async throws -> [String: (reference: String, email: String)] {
        var found: [String: (reference: String, email: String)] = [:]
        for chunk in Array(Set(orderIDs)).chunks(of: 500) {
            for row in try await sql.raw("SELECT id, record_locator, contact_email FROM orders WHERE id IN (\(binds: Array(chunk)))").all() {
                found[try row.decode(column: "id", as: String.self)] =
                    (try row.decode(column: "record_locator", as: String.self), try row.decode(column: "contact_email", as: String.self))
            }
        }
        return found
    }

    /// The booking's part on the flight, or nil when it has none there (any more).
    public static func booking(_ orderID: String, onFlight flightID: String, on sql: any SQLDatabase) async throws -> FlightBooking? {
        try await sql.raw("SELECT \(unsafeRaw: columns) WHERE o.id = \(bind: orderID) AND s.flight_id = \(bind: flightID)")
            .first(decoding: FlightBooking.self)
    }

    /// The booking's passengers in the order they were booked.
    public static func passengerNames(of orderID: String, on sql: any SQLDatabase) async throws -> [(given: String, family: String)] {
        try await sql.raw("SELECT given_name, family_name FROM order_passengers WHERE order_id = \(bind: orderID) ORDER BY position")
            .all().map { (try $0.decode(column: "given_name", as: String.self), try $0.decode(column: "family_name", as: String.self)) }
    }

    /// The first passenger of each booking of `orderIDs`.
    public static func leadPassengers(of orderIDs: some Collection<String>, on sql: any SQLDatabase) async throws -> [String: (given: String, family: String)] {
        var found: [String: (given: String, family: String)] = [:]
        for chunk in Array(Set(orderIDs)).chunks(of: 500) {
            for row in try await sql.raw("""
                SELECT p.order_id, p.given_name, p.family_name FROM order_passengers p
                WHERE p.order_id IN (\(binds: Array(chunk))) AND p.position = (SELECT MIN(position) FROM order_passengers q WHERE q.order_id = p.order_id)
                """).all() {
                found[try row.decode(column: "order_id", as: String.self)] =
                    (try row.decode(column: "given_name", as: String.self), try row.decode(column: "family_name", as: String.self))
            }
        }
        return found
    }

    /// The changes made to bookings because of the disruption, oldest first.
    public static func changes(forDisruption disruptionID: String, on sql: any SQLDatabase) async throws -> [DisruptionChange] {
        try await sql.raw("""
            SELECT order_id, kind, to_flight_id, created_at FROM order_changes WHERE disruption_id = \(bind: disruptionID) ORDER BY created_at, id
            """).all(decoding: DisruptionChange.self)
    }

    /// Moves to another flight (a booking moved twice counts twice) and bookings refunded, over all disruptions.
    public static func changeCounts(on sql: any SQLDatabase) async throws -> (rebookings: Int, bookingsRefunded: Int) {
        (try await sql.count("SELECT COUNT(*) AS n FROM order_changes WHERE kind = 'rebooked'"),
         try await sql.count("SELECT COUNT(DISTINCT order_id) AS n FROM order_changes WHERE kind = 'refunded'"))
    }

    /// Whether every cabin's sold seats equal the seats of its confirmed bookings and live holds, within capacity.
    public static func inventoryIsConsistent(on sql: any SQLDatabase) async throws -> Bool {
        try await sql.count("""
            SELECT COUNT(*) AS n FROM flight_cabins c
            WHERE c.sold > c.capacity OR c.sold <> (
                SELECT COALESCE(SUM(s.seats), 0) FROM order_segments s JOIN orders o ON o.id = s.order_id
                WHERE s.flight_id = c.flight_id AND s.cabin = c.cabin AND o.status = 'confirmed')
              + (SELECT COALESCE(SUM(h.seats), 0) FROM seat_holds h WHERE h.flight_id = c.flight_id AND h.cabin = c.cabin AND h.status = 'held')
            """) == 0
    }
}
