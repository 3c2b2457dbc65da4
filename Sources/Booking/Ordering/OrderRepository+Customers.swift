import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// One order as a customer's list of trips shows it.
public struct TripSummary: Sendable, Hashable {
    public let orderID: String
    public let bookingReference: String
    public let status: OrderStatus
    public let origin: String
    public let destination: String
    /// Local time at the origin of the first flight, `YYYY-MM-DDTHH:MM:SS`.
    public let departingAtLocal: String
    public let departsAt: Int64
    public let flights: Int
    public let total: Money
    /// The account the order is filed under; nil for a guest order.
    public let customerID: String?
}

/// Orders filed under customers' accounts.
extension OrderRepository {
    /// The customer the order is filed under, or nil for a guest order (or no such order).
    public func customerID(ofOrder id: String) async throws -> String? {
        try await database.read { sql in
            try await sql.raw("SELECT customer_id FROM orders WHERE id = \(bind: id)").first()
                .flatMap { try $0.decodeNil(column: "customer_id") ? nil : $0.decode(column: "customer_id", as: String.self) }
        }
    }

    /// Files a guest order under `customerID`. Filing it again under the same customer is a no-op;
    /// an order already filed under someone else stays theirs (`conflict`).
    public func attach(orderID: String, to customerID: String) async throws {
        let attached = try await database.transaction { sql in
            try await sql.raw("""
                UPDATE orders SET customer_id = \(bind: customerID)
                WHERE id = \(bind: orderID) AND (customer_id IS NULL OR customer_id = \(bind: customerID)) RETURNING id
                """).all()
        }
        guard !attached.isEmpty else {
            throw ServiceError(.conflict, code: .orderBelongsToAnotherAccount, message: "This booking is already in another account.")
        }
    }

    /// The customer's orders, the latest departure first.
    public func trips(customerID: String, limit: Int = 100) async throws -> [TripSummary] {
        try await summaries(where: "o.customer_id = \(bind: customerID)", limit: limit)
    }

    /// These orders, in the order given (unknown ids are skipped): one query for a list of bookings.
    public func trips(orderIDs: [String]) async throws -> [TripSummary] {
        guard !orderIDs.isEmpty else { return [] }
        let found = try await summaries(where: "o.id IN (\(binds: orderIDs))", limit: orderIDs.count)
        return orderIDs.compactMap { id in found.first { $0.orderID == id } }
    }

    private func summaries(where filter: SQLQueryString, limit: Int) async throws -> [TripSummary] {
        struct Row: Decodable {
            let id: String, record_locator: String, status: OrderStatus, total_amount: Int64, currency: String
            let origin: String, destination: String, departs_at: Int64, flights: Int, customer_id: String?
        }
        let snapshot = try await network.current()
        let rows = try await database.read { sql in
            try await sql.raw("""
                SELECT o.id, o.record_locator, o.status, o.total_amount, o.currency, o.customer_id, f.origin, f.destination, f.departs_at,
                       (SELECT COUNT(*) FROM order_segments c WHERE c.order_id = o.id) AS flights
                FROM orders o
                JOIN order_segments s ON s.order_id = o.id AND s.position = 0
                JOIN flights f ON f.id = s.flight_id
                WHERE \(filter)
                ORDER BY f.departs_at DESC LIMIT \(bind: limit)
                """).all(decoding: Row.self)
        }
        return rows.map { row in
            let departs = Date(timeIntervalSince1970: TimeInterval(row.departs_at))
            return TripSummary(orderID: row.id, bookingReference: row.record_locator, status: row.status, origin: row.origin,
                               destination: row.destination,
                               departingAtLocal: snapshot.clocks[row.origin]?.localISO(departs) ?? APITime.utc(row.departs_at),
                               departsAt: row.departs_at, flights: row.flights,
                               total: Money(minorUnits: row.total_amount, currency: CurrencyCode(row.currency) ?? .usd),
                               customerID: row.customer_id)
        }
    }
}
