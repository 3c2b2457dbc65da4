import Foundation
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportContracts

/// One passenger's coupon on one flight of an order, as stored.
struct CouponRow: Decodable, Sendable {
    let order_id: String, passenger_position: Int, segment_position: Int, flight_id: String, ticket_number: String
    let status: CouponStatus, checked_in_at: Int64?, boarded_at: Int64?, boarding_number: Int?, updated_at: Int64
}

/// Flight coupons (`order_coupons`) and every move of one (`coupon_events`), in the caller's transaction. A coupon moves
/// only by a `CouponStatus.Event` its status allows, with a compare-and-set on the status it was read in, so two
/// instances scanning or checking in the same passenger cannot both move it.
enum CouponStore {
    static let columns = """
        order_id, passenger_position, segment_position, flight_id, ticket_number, status, checked_in_at, boarded_at, boarding_number, updated_at
        """

    /// Opens a coupon for each passenger on each flight of a new order.
    static func open(orderID: String, tickets: [String], flightIDs: [String], at now: Int64, on sql: any SQLDatabase) async throws {
        var rows: [BulkInsert.Row] = []
        for (passenger, ticket) in tickets.enumerated() {
            for (segment, flightID) in flightIDs.enumerated() {
                rows.append([orderID, passenger, segment, flightID, ticket, CouponStatus.open.rawValue, now])
            }
        }
        try await BulkInsert.insert(into: "order_coupons", columns: ["order_id", "passenger_position", "segment_position", "flight_id",
                                                                     "ticket_number", "status", "updated_at"],
                                    rows: rows, onConflict: .keep(key: ["order_id", "passenger_position", "segment_position"]), on: sql)
    }

    /// The order's coupons by passenger, then flight; with `locking`, locked until the transaction ends (PostgreSQL).
    static func coupons(orderID: String, locking: Bool = false, on sql: any SQLDatabase) async throws -> [CouponRow] {
        try await sql.raw("""
            SELECT \(unsafeRaw: columns) FROM order_coupons WHERE order_id = \(bind: orderID)
            ORDER BY passenger_position, segment_position\(unsafeRaw: locking ? " FOR UPDATE" : "")
            """).all(decoding: CouponRow.self)
    }

    /// The coupons of a flight that are in one of `statuses`.
    static func coupons(flightID: String, in statuses: [CouponStatus], on sql: any SQLDatabase) async throws -> [CouponRow] {
        try await sql.raw("""
            SELECT \(unsafeRaw: columns) FROM order_coupons WHERE flight_id = \(bind: flightID)
            AND status IN (\(binds: statuses.map(\.rawValue))) ORDER BY order_id, passenger_position
            """).all(decoding: CouponRow.self)
    }

    /// Moves the coupon by `event`; the status it moved to, or nil when its status no longer allows the event (another
    /// request moved it first). Check-in and boarding record their times; check-in takes the flight's next boarding number.
    static func apply(_ event: CouponStatus.Event, to coupon: CouponRow, actor: String, at now: Int64, on sql: any SQLDatabase) async throws -> CouponStatus? {
        guard let next = coupon.status.after(event) else { return nil }
        let stamps: SQLQueryString = switch event {
        case .checkIn: """
            , checked_in_at = \(bind: now), boarding_number = (SELECT COALESCE(MAX(b.boarding_number), 0) + 1 FROM order_coupons b
              WHERE b.flight_id = \(bind: coupon.flight_id))
            """
        case .cancelCheckIn: ", checked_in_at = NULL"
        case .board: ", boarded_at = \(bind: now)"
        default: ""
        }
        let moved = !(try await sql.raw("""
            UPDATE order_coupons SET status = \(bind: next.rawValue), updated_at = \(bind: now)\(stamps)
            WHERE order_id = \(bind: coupon.order_id) AND passenger_position = \(bind: coupon.passenger_position)
            AND segment_position = \(bind: coupon.segment_position) AND status = \(bind: coupon.status.rawValue)
            RETURNING status
            """).all().isEmpty)
        guard moved else { return nil }
        try await record(event, coupon: coupon, status: next, ticket: coupon.ticket_number, actor: actor, at: now, on: sql)
        if event == .depart {
            // Revenue accounting earns the coupon's fare now, or takes it as a no-show.
            try await Outbox.append(topic: .couponUsed, aggregateID: coupon.order_id, payload: CouponUsedEvent(
                coupon: CouponReference(ticketNumber: coupon.ticket_number, segmentPosition: coupon.segment_position), orderID: coupon.order_id,
                passengerPosition: coupon.passenger_position, flightID: coupon.flight_id, usage: next == .flown ? .flown : .noShow, usedAt: now),
                on: sql, at: Date(timeIntervalSince1970: TimeInterval(now)))
        }
        return next
    }

    /// Replaces the coupon by one on a new ticket (and, for the changed flight, `flightID`): the old one is recorded as
    /// exchanged and the new one starts open. Flown and used coupons stay as they are.
    static func reissue(_ coupon: CouponRow, ticket: String, flightID: String, actor: String, at now: Int64, on sql: any SQLDatabase) async throws {
        guard coupon.status.after(.exchange) != nil else { return }
        try await record(.exchange, coupon: coupon, status: .exchanged, ticket: coupon.ticket_number, actor: actor, at: now, on: sql)
        try await sql.raw("""
            UPDATE order_coupons SET ticket_number = \(bind: ticket), flight_id = \(bind: flightID), status = 'open',
                checked_in_at = NULL, boarded_at = NULL, boarding_number = NULL, updated_at = \(bind: now)
            WHERE order_id = \(bind: coupon.order_id) AND passenger_position = \(bind: coupon.passenger_position)
            AND segment_position = \(bind: coupon.segment_position)
            """).run()
    }

    private static func record(_ event: CouponStatus.Event, coupon: CouponRow, status: CouponStatus, ticket: String, actor: String,
                               at now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO coupon_events (id, order_id, passenger_position, segment_position, flight_id, ticket_number, event, status, actor, occurred_at)
            VALUES (\(bind: Identifier.make(prefix: "cpe")), \(bind: coupon.order_id), \(bind: coupon.passenger_position),
                    \(bind: coupon.segment_position), \(bind: coupon.flight_id), \(bind: ticket), \(bind: event.rawValue),
                    \(bind: status.rawValue), \(bind: actor), \(bind: now))
            """).run()
    }
}

extension CouponStore {
    /// The coupon of `ticket` on the flight (a reissued ticket's old number finds nothing).
    static func coupon(ticket: String, flightID: String, on sql: any SQLDatabase) async throws -> CouponRow? {
        try await sql.raw("""
            SELECT \(unsafeRaw: columns) FROM order_coupons WHERE ticket_number = \(bind: ticket) AND flight_id = \(bind: flightID)
            """).first(decoding: CouponRow.self)
    }
}
