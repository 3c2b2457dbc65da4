import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// An order's own row as its services read it before changing it.
struct OrderHeader: Decodable {
    let record_locator: String, status: OrderStatus, fare_brand: String, currency: String, cabin: String, total_amount: Int64
    /// Checked bags a member's tier added to each passenger's allowance when the order was made.
    let benefit_bags: Int
}

/// One flight of an order.
struct OrderSegment: Decodable, Sendable {
    let position: Int, flight_id: String, cabin: String, seats: Int, booking_class: String
}

/// The order a cancellation took off sale.
struct CancelledOrder: Decodable {
    let record_locator: String
    let contact_email: String
    let customer_id: String?
}

/// Orders and their parts (`orders`, `order_segments`, `order_passengers`, `order_fares`, `ticket_reissues`,
/// `order_changes`) as the booking engine's services write them, in the caller's transaction. Reading an order for
/// display is `OrderRepository`'s.
enum OrderStore {
    /// The order's row; with `locking`, it stays locked until the transaction ends (PostgreSQL).
    static func header(_ orderID: String, locking: Bool = false, on sql: any SQLDatabase) async throws -> OrderHeader? {
        try await sql.raw("""
            SELECT record_locator, status, fare_brand, currency, cabin, total_amount, benefit_bags FROM orders WHERE id = \(bind: orderID)\(unsafeRaw: locking ? " FOR UPDATE" : "")
            """).first(decoding: OrderHeader.self)
    }

    /// Inserts a confirmed order under `locator`; false when another order has that locator.
    static func insert(id: String, locator: String, customerID: String?, language: String?, order: ValidOrder, price: ItineraryPricing,
                       benefits: MemberBenefits?, at now: Date, on sql: any SQLDatabase) async throws -> Bool {
        !(try await sql.raw("""
            INSERT INTO orders (id, record_locator, status, offer_request_id, cabin, fare_brand, currency, base_amount, tax_amount,
                                total_amount, contact_email, contact_phone, created_at, customer_id, language, benefit_tier, benefit_bags,
                                benefit_lounge)
            VALUES (\(bind: id), \(bind: locator), 'confirmed', \(bind: order.claims.offerRequestID), \(bind: order.claims.cabin.rawValue),
                    \(bind: order.claims.brand.rawValue), \(bind: price.currency.code), \(bind: price.base.minorUnits),
                    \(bind: price.taxes.minorUnits), \(bind: price.total.minorUnits), \(bind: order.email), \(bind: order.phone),
                    \(bind: Int64(now.timeIntervalSince1970)), \(bind: customerID), \(bind: language), \(bind: benefits?.tier),
                    \(bind: benefits?.extraBags ?? 0), \(bind: benefits?.lounge == true ? 1 : 0))
            ON CONFLICT (record_locator) DO NOTHING RETURNING id
            """).all().isEmpty)
    }

    /// Inserts the order's segments, passengers and fares (rows already there are kept).
    static func insertParts(segments: [BulkInsert.Row], passengers: [BulkInsert.Row], fares: [BulkInsert.Row], on sql: any SQLDatabase) async throws {
        try await BulkInsert.insert(into: "order_segments", columns: ["order_id", "position", "flight_id", "cabin", "booking_class", "fare_basis", "seats"],
                                    rows: segments, onConflict: .keep(key: ["order_id", "position"]), on: sql)
        try await BulkInsert.insert(into: "order_passengers", columns: ["id", "order_id", "position", "passenger_type", "given_name", "family_name", "birth_date", "ticket_number"],
                                    rows: passengers, onConflict: .keep(key: ["id"]), on: sql)
        try await BulkInsert.insert(into: "order_fares", columns: ["order_id", "passenger_position", "segment_position", "base_amount", "tax_amount", "taxes"],
                                    rows: fares, onConflict: .keep(key: ["order_id", "passenger_position", "segment_position"]), on: sql)
    }

    /// The order's flights in order.
    /// What the order's fare allows: its brand's conditions, or an award's.
    static func conditions(_ orderID: String, header: OrderHeader, on sql: any SQLDatabase) async throws -> FareConditions {
        FareConditions.of(brand: FareBrand(rawValue: header.fare_brand) ?? .basic, bookingClasses: try await segments(orderID, on: sql).map(\.booking_class),
                          currency: CurrencyCode(header.currency) ?? .usd)
    }

    static func segments(_ orderID: String, on sql: any SQLDatabase) async throws -> [OrderSegment] {
        try await sql.raw("SELECT position, flight_id, cabin, seats, booking_class FROM order_segments WHERE order_id = \(bind: orderID) ORDER BY position")
            .all(decoding: OrderSegment.self)
    }

    /// When the order's first flight is scheduled to leave; nil for an order without flights.
    static func firstDeparture(_ orderID: String, on sql: any SQLDatabase) async throws -> Int64? {
        try await sql.raw("""
            SELECT MIN(f.departs_at) AS first FROM order_segments s JOIN flights f ON f.id = s.flight_id WHERE s.order_id = \(bind: orderID)
            """).first()?.decode(column: "first", as: Int64?.self)
    }

    /// The base and taxes of each passenger's fare on each flight, in minor units, by passenger and flight.
    static func fares(_ orderID: String, on sql: any SQLDatabase) async throws -> [(passenger: Int, segment: Int, base: Int64, taxes: Int64)] {
        try await sql.raw("""
            SELECT passenger_position, segment_position, base_amount, tax_amount FROM order_fares WHERE order_id = \(bind: orderID)
            ORDER BY passenger_position, segment_position
            """).all().map {
                (try $0.decode(column: "passenger_position", as: Int.self), try $0.decode(column: "segment_position", as: Int.self),
                 try $0.decode(column: "base_amount", as: Int64.self), try $0.decode(column: "tax_amount", as: Int64.self))
            }
    }

    /// Cancels a confirmed order; nil when it was not confirmed.
    static func cancel(_ orderID: String, at now: Int64, on sql: any SQLDatabase) async throws -> CancelledOrder? {
        try await sql.raw("""
            UPDATE orders SET status = 'cancelled', cancelled_at = \(bind: now)
            WHERE id = \(bind: orderID) AND status = 'confirmed' RETURNING record_locator, contact_email, customer_id
            """).first(decoding: CancelledOrder.self)
    }

    /// Moves one of the order's flights to another flight (same cabin and seats).
    static func moveSegment(of orderID: String, at position: Int, to flightID: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE order_segments SET flight_id = \(bind: flightID) WHERE order_id = \(bind: orderID) AND position = \(bind: position)").run()
    }

    /// The order's passengers and their current e-tickets, in order.
    static func tickets(_ orderID: String, on sql: any SQLDatabase) async throws -> [(passengerID: String, ticketNumber: String)] {
        try await sql.raw("SELECT id, ticket_number FROM order_passengers WHERE order_id = \(bind: orderID) ORDER BY position").all()
            .map { (try $0.decode(column: "id", as: String.self), try $0.decode(column: "ticket_number", as: String.self)) }
    }

    /// Gives the passenger at `position` a new e-ticket and keeps the old number in the reissue history.
    static func reissue(_ reissue: Rebooking.Reissue, orderID: String, position: Int, at now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE order_passengers SET ticket_number = \(bind: reissue.newTicketNumber) WHERE id = \(bind: reissue.passengerID)").run()
        try await sql.raw("""
            INSERT INTO ticket_reissues (order_id, passenger_position, old_ticket_number, new_ticket_number, reissued_at)
            VALUES (\(bind: orderID), \(bind: position), \(bind: reissue.oldTicketNumber), \(bind: reissue.newTicketNumber), \(bind: now))
            """).run()
    }

    /// Records a change made to the order: a move to `toFlightID` (for a disruption, or asked by the passenger), or a refund
    /// of `refund`.
    static func recordChange(orderID: String, disruptionID: String?, kind: String, fromFlightID: String, toFlightID: String? = nil,
                             refund: Money? = nil, actor: String, at now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO order_changes (id, order_id, disruption_id, kind, from_flight_id, to_flight_id, refund_amount, currency, actor, created_at)
            VALUES (\(bind: Identifier.make(prefix: "och")), \(bind: orderID), \(bind: disruptionID), \(bind: kind), \(bind: fromFlightID),
                    \(bind: toFlightID), \(bind: refund?.minorUnits), \(bind: refund?.currency.code), \(bind: actor), \(bind: now))
            """).run()
    }
}
