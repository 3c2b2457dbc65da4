import Foundation
import SQLKit
import SkyportContracts
import SkyportDomain
import SkyportStore

/// One paid item of an order, as stored.
struct OrderServiceRow: Decodable, Sendable {
    let id: String, order_id: String, passenger_position: Int, segment_position: Int, kind: OrderServiceKind, designator: String
    let amount: Int64, currency: String, status: OrderServiceStatus, delivery: BagDeliveryStatus?
    let created_at: Int64, refunded_amount: Int64

    var price: Money { Money(minorUnits: amount, currency: CurrencyCode(currency) ?? .usd) }
}

/// An order's paid items besides fares (`order_services`): seats in zones that cost extra and checked bags, in the
/// caller's transaction. A sale and a closing are announced to revenue accounting (`service.sold`, `service.closed`) in the
/// same transaction.
enum OrderServiceStore {
    static let columns = """
        id, order_id, passenger_position, segment_position, kind, designator, amount, currency, status, delivery, created_at, refunded_amount
        """

    /// Adds an active item and returns its id.
    @discardableResult
    static func add(orderID: String, passenger: Int, segment: Int, kind: OrderServiceKind, designator: String, price: Money,
                    at now: Int64, on sql: any SQLDatabase) async throws -> String {
        let id = Identifier.make(prefix: kind == .seat ? "ssv" : "bsv")
        try await sql.raw("""
            INSERT INTO order_services (id, order_id, passenger_position, segment_position, kind, designator, amount, currency, status,
                                        delivery, created_at, updated_at)
            VALUES (\(bind: id), \(bind: orderID), \(bind: passenger), \(bind: segment), \(bind: kind.rawValue), \(bind: designator),
                    \(bind: price.minorUnits), \(bind: price.currency.code), 'active',
                    \(bind: kind == .checkedBag ? BagDeliveryStatus.booked.rawValue : nil), \(bind: now), \(bind: now))
            """).run()
        try await Outbox.append(topic: .serviceSold, aggregateID: orderID, payload: ServiceSoldEvent(
            serviceID: id, orderID: orderID, passengerPosition: passenger, segmentPosition: segment, kind: kind.rawValue, amount: price.minorUnits,
            currency: price.currency.code, soldAt: now), on: sql, at: Date(timeIntervalSince1970: TimeInterval(now)))
        return id
    }

    /// The order's items (all states), oldest first; those bought together by passenger, flight, seat before bags.
    static func services(orderID: String, on sql: any SQLDatabase) async throws -> [OrderServiceRow] {
        try await sql.raw("""
            SELECT \(unsafeRaw: columns) FROM order_services WHERE order_id = \(bind: orderID)
            ORDER BY created_at, passenger_position, segment_position, CASE kind WHEN 'seat' THEN 0 ELSE 1 END, designator
            """).all(decoding: OrderServiceRow.self)
    }

    /// Closes an active item as refunded (with `refunded`, what went back) or replaced; false when it was not active.
    @discardableResult
    static func close(_ id: String, as status: OrderServiceStatus, refunded: Money? = nil, at now: Int64, on sql: any SQLDatabase) async throws -> Bool {
        guard let orderID = try await sql.raw("""
            UPDATE order_services SET status = \(bind: status.rawValue), refunded_amount = \(bind: refunded?.minorUnits ?? 0), updated_at = \(bind: now)
            WHERE id = \(bind: id) AND status = 'active' RETURNING order_id
            """).first()?.decode(column: "order_id", as: String.self) else { return false }
        try await Outbox.append(topic: .serviceClosed, aggregateID: orderID, payload: ServiceClosedEvent(
            serviceID: id, orderID: orderID, status: status.rawValue, refundedAmount: refunded?.minorUnits ?? 0, closedAt: now),
            on: sql, at: Date(timeIntervalSince1970: TimeInterval(now)))
        return true
    }

    /// Moves the item to another flight of the order or another seat (a seat carried to a new flight keeps its price).
    static func move(_ id: String, segment: Int, designator: String, at now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            UPDATE order_services SET segment_position = \(bind: segment), designator = \(bind: designator), updated_at = \(bind: now)
            WHERE id = \(bind: id)
            """).run()
    }

    /// Sets a bag's delivery status.
    static func setDelivery(_ id: String, to delivery: BagDeliveryStatus, at now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE order_services SET delivery = \(bind: delivery.rawValue), updated_at = \(bind: now) WHERE id = \(bind: id)").run()
    }
}
