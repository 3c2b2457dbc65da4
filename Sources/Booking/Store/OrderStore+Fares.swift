import SQLKit
import SkyportDomain
import SkyportStore

extension OrderStore {
    /// Sets the booking class of one of the order's flights and each passenger's new fare on it, and the order's totals
    /// to match (a voluntary change to a flight sold in another class).
    static func refare(orderID: String, position: Int, bookingClass: BookingClass, fares: [PassengerFare], on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            UPDATE order_segments SET booking_class = \(bind: bookingClass.code), fare_basis = \(bind: FareBasis.code(for: bookingClass))
            WHERE order_id = \(bind: orderID) AND position = \(bind: position)
            """).run()
        for (passenger, fare) in fares.enumerated() {
            let taxes = fare.taxes.map { "\($0.code):\($0.amount.minorUnits)" }.joined(separator: ",")
            try await sql.raw("""
                UPDATE order_fares SET base_amount = \(bind: fare.base.minorUnits), tax_amount = \(bind: fare.taxTotal.minorUnits), taxes = \(bind: taxes)
                WHERE order_id = \(bind: orderID) AND passenger_position = \(bind: passenger) AND segment_position = \(bind: position)
                """).run()
        }
        try await sql.raw("""
            UPDATE orders SET
                base_amount = (SELECT COALESCE(SUM(base_amount), 0) FROM order_fares WHERE order_id = \(bind: orderID)),
                tax_amount = (SELECT COALESCE(SUM(tax_amount), 0) FROM order_fares WHERE order_id = \(bind: orderID)),
                total_amount = (SELECT COALESCE(SUM(base_amount + tax_amount), 0) FROM order_fares WHERE order_id = \(bind: orderID))
            WHERE id = \(bind: orderID)
            """).run()
    }

    /// Each passenger's fare (base and taxes, minor units) on the order's flight at `position`, by passenger position.
    static func fares(_ orderID: String, segment position: Int, on sql: any SQLDatabase) async throws -> [Int64] {
        try await sql.raw("""
            SELECT base_amount + tax_amount AS total FROM order_fares WHERE order_id = \(bind: orderID) AND segment_position = \(bind: position)
            ORDER BY passenger_position
            """).all().map { try $0.decode(column: "total", as: Int64.self) }
    }
}
