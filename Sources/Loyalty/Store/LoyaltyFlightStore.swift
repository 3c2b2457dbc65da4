import SQLKit
import SkyportDomain
import SkyportStore

/// A flight the programme knows of, from a ticket the booking engine issued.
struct LoyaltyFlightRow: Decodable, Sendable {
    let ticket_number: String, segment_position: Int, order_id: String, customer_id: String?, passenger_position: Int, family_name: String
    let flight_id: String, origin: String, destination: String, flight_date: String, cabin: String, booking_class: String, distance_miles: Int
    let currency: String, status: String, flown_at: Int64?, credited_member_id: String?
}

/// The flights of issued tickets (`loyalty_flights`), which accrual and claims credit, in the caller's transaction.
enum LoyaltyFlightStore {
    static let columns = """
        ticket_number, segment_position, order_id, customer_id, passenger_position, family_name, flight_id, origin, destination, flight_date,
        cabin, booking_class, distance_miles, currency, status, flown_at, credited_member_id
        """

    static func save(_ rows: [BulkInsert.Row], on sql: any SQLDatabase) async throws {
        try await BulkInsert.insert(into: "loyalty_flights", columns: [
            "ticket_number", "segment_position", "order_id", "customer_id", "passenger_position", "family_name", "flight_id", "origin", "destination",
            "flight_date", "cabin", "booking_class", "distance_miles", "currency", "status",
        ], rows: rows, onConflict: .keep(key: ["ticket_number", "segment_position"]), on: sql)
    }

    /// Marks a ticket's flights not yet flown as exchanged (a reissued ticket carries them on).
    static func exchange(ticket: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE loyalty_flights SET status = 'exchanged' WHERE ticket_number = \(bind: ticket) AND status = 'open'").run()
    }

    static func flight(ticket: String, segment: Int, on sql: any SQLDatabase) async throws -> LoyaltyFlightRow? {
        try await sql.raw("""
            SELECT \(unsafeRaw: columns) FROM loyalty_flights WHERE ticket_number = \(bind: ticket) AND segment_position = \(bind: segment)
            """).first(decoding: LoyaltyFlightRow.self)
    }

    static func flights(ticket: String, on sql: any SQLDatabase) async throws -> [LoyaltyFlightRow] {
        try await sql.raw("SELECT \(unsafeRaw: columns) FROM loyalty_flights WHERE ticket_number = \(bind: ticket) ORDER BY segment_position")
            .all(decoding: LoyaltyFlightRow.self)
    }

    /// Records the flight's departure with its passenger (`flown`) or without (`no_show`); false when it was not open.
    static func depart(ticket: String, segment: Int, flown: Bool, at now: Int64, on sql: any SQLDatabase) async throws -> Bool {
        !(try await sql.raw("""
            UPDATE loyalty_flights SET status = \(bind: flown ? "flown" : "no_show"), flown_at = \(bind: now)
            WHERE ticket_number = \(bind: ticket) AND segment_position = \(bind: segment) AND status = 'open' RETURNING ticket_number
            """).all().isEmpty)
    }

    /// Records that a member was credited for the flight; false when someone was already.
    static func credit(ticket: String, segment: Int, memberID: String, on sql: any SQLDatabase) async throws -> Bool {
        !(try await sql.raw("""
            UPDATE loyalty_flights SET credited_member_id = \(bind: memberID)
            WHERE ticket_number = \(bind: ticket) AND segment_position = \(bind: segment) AND credited_member_id IS NULL RETURNING ticket_number
            """).all().isEmpty)
    }
}
