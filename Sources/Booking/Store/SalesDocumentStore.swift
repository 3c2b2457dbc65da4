import SQLKit
import SkyportDomain
import SkyportStore

/// One passenger's coupon with its flight and fare, as a ticket document tells revenue accounting.
struct TicketCouponRow: Decodable, Sendable {
    let passenger_id: String, passenger_position: Int, passenger_type: String, family_name: String, customer_id: String?, ticket_number: String
    let segment_position: Int, flight_id: String, origin: String, destination: String, departure_date: String, distance_miles: Int
    let cabin: String, booking_class: String, base_amount: Int64, taxes: String, status: CouponStatus
}

/// What the ticket documents read of an order (its passengers' coupons, flights and fares), in the caller's transaction.
enum SalesDocumentStore {
    /// Every coupon of the order with its passenger, flight and fare, by passenger and flight.
    static func ticketCoupons(orderID: String, on sql: any SQLDatabase) async throws -> [TicketCouponRow] {
        try await sql.raw("""
            SELECT p.id AS passenger_id, p.position AS passenger_position, p.passenger_type, p.family_name, o.customer_id, c.ticket_number,
                   c.segment_position, c.flight_id, f.origin, f.destination, f.departure_date, f.distance_miles,
                   s.cabin, s.booking_class, fa.base_amount, fa.taxes, c.status
            FROM order_coupons c
            JOIN order_passengers p ON p.order_id = c.order_id AND p.position = c.passenger_position
            JOIN order_segments s ON s.order_id = c.order_id AND s.position = c.segment_position
            JOIN order_fares fa ON fa.order_id = c.order_id AND fa.passenger_position = c.passenger_position AND fa.segment_position = c.segment_position
            JOIN flights f ON f.id = c.flight_id
            JOIN orders o ON o.id = c.order_id
            WHERE c.order_id = \(bind: orderID)
            ORDER BY c.passenger_position, c.segment_position
            """).all(decoding: TicketCouponRow.self)
    }

}
