import SQLKit
import SkyportDomain
import SkyportStore

/// A coupon as stored in `ledger_coupons`.
struct LedgerCouponRow: Decodable, Sendable {
    let ticket_number: String, segment_position: Int, coupon_number: Int, order_id: String, passenger_position: Int, flight_id: String
    let origin: String, destination: String, flight_date: String, cabin: String, booking_class: String, distance_miles: Int
    let currency: String, value: Int64, taxes: String, status: AccountingCoupon.Status, valid_until: Int64

    var coupon: AccountingCoupon {
        AccountingCoupon(ticketNumber: ticket_number, number: coupon_number, orderID: order_id, passengerPosition: passenger_position,
                         segmentPosition: segment_position, flightID: flight_id, origin: origin, destination: destination, flightDate: flight_date,
                         cabin: cabin, bookingClass: booking_class, distanceMiles: distance_miles, currency: CurrencyCode(currency) ?? .usd,
                         value: value, taxes: TaxAmount.list(taxes), status: status, validUntil: valid_until)
    }
}

/// The coupons and paid services as the ledger values them (`ledger_coupons`, `ledger_services`), in the caller's
/// transaction.
enum LedgerCouponStore {
    static let columns = """
        ticket_number, segment_position, coupon_number, order_id, passenger_position, flight_id, origin, destination, flight_date, cabin,
        booking_class, distance_miles, currency, value, taxes, status, valid_until
        """

    /// The coupons of a ticket.
    static func coupons(ticket: String, on sql: any SQLDatabase) async throws -> [AccountingCoupon] {
        try await sql.raw("SELECT \(unsafeRaw: columns) FROM ledger_coupons WHERE ticket_number = \(bind: ticket) ORDER BY coupon_number")
            .all(decoding: LedgerCouponRow.self).map(\.coupon)
    }

    /// One coupon.
    static func coupon(_ key: SalesDocument.CouponKey, on sql: any SQLDatabase) async throws -> AccountingCoupon? {
        try await sql.raw("""
            SELECT \(unsafeRaw: columns) FROM ledger_coupons WHERE ticket_number = \(bind: key.ticketNumber) AND segment_position = \(bind: key.segmentPosition)
            """).first(decoding: LedgerCouponRow.self)?.coupon
    }

    /// Coupons whose ticket's validity ended by `now` and that still hold a value or taxes.
    static func expiring(at now: Int64, limit: Int, on sql: any SQLDatabase) async throws -> [AccountingCoupon] {
        try await sql.raw("""
            SELECT \(unsafeRaw: columns) FROM ledger_coupons WHERE status IN ('open', 'no_show') AND valid_until <= \(bind: now)
            ORDER BY valid_until, ticket_number, segment_position LIMIT \(bind: limit)
            """).all(decoding: LedgerCouponRow.self).map(\.coupon)
    }

    /// Stores coupons as they stand now (new ones inserted, known ones moved).
    static func save(_ coupons: [AccountingCoupon], at now: Int64, on sql: any SQLDatabase) async throws {
        guard !coupons.isEmpty else { return }
        let rows: [BulkInsert.Row] = coupons.map { coupon in
            [coupon.ticketNumber, coupon.segmentPosition, coupon.number, coupon.orderID, coupon.passengerPosition, coupon.flightID, coupon.origin,
             coupon.destination, coupon.flightDate, coupon.cabin, coupon.bookingClass, coupon.distanceMiles, coupon.currency.code, coupon.value,
             TaxAmount.text(coupon.taxes), coupon.taxTotal, coupon.status.rawValue, coupon.validUntil, now]
        }
        try await BulkInsert.insert(into: "ledger_coupons", columns: [
            "ticket_number", "segment_position", "coupon_number", "order_id", "passenger_position", "flight_id", "origin", "destination", "flight_date",
            "cabin", "booking_class", "distance_miles", "currency", "value", "taxes", "tax_total", "status", "valid_until", "updated_at",
        ], rows: rows, onConflict: .update(key: ["ticket_number", "segment_position"], columns: ["status", "updated_at"]), on: sql)
    }

    /// The services of an order.
    static func services(orderID: String, on sql: any SQLDatabase) async throws -> [AccountingService] {
        try await sql.raw("""
            SELECT id, order_id, passenger_position, segment_position, kind, amount, currency, status FROM ledger_services WHERE order_id = \(bind: orderID)
            """).all(decoding: LedgerServiceRow.self).map(\.service)
    }

    /// One service.
    static func service(_ id: String, on sql: any SQLDatabase) async throws -> AccountingService? {
        try await sql.raw("""
            SELECT id, order_id, passenger_position, segment_position, kind, amount, currency, status FROM ledger_services WHERE id = \(bind: id)
            """).first(decoding: LedgerServiceRow.self)?.service
    }

    static func save(_ services: [AccountingService], at now: Int64, on sql: any SQLDatabase) async throws {
        guard !services.isEmpty else { return }
        let rows: [BulkInsert.Row] = services.map {
            [$0.id, $0.orderID, $0.passengerPosition, $0.segmentPosition, $0.kind, $0.amount, $0.currency.code, $0.status.rawValue, now]
        }
        try await BulkInsert.insert(into: "ledger_services", columns: [
            "id", "order_id", "passenger_position", "segment_position", "kind", "amount", "currency", "status", "updated_at",
        ], rows: rows, onConflict: .update(key: ["id"], columns: ["status", "updated_at"]), on: sql)
    }
}

struct LedgerServiceRow: Decodable, Sendable {
    let id: String, order_id: String, passenger_position: Int, segment_position: Int, kind: String, amount: Int64, currency: String
    let status: AccountingService.Status

    var service: AccountingService {
        AccountingService(id: id, orderID: order_id, passengerPosition: passenger_position, segmentPosition: segment_position, kind: kind,
                          amount: amount, currency: CurrencyCode(currency) ?? .usd, status: status)
    }
}
