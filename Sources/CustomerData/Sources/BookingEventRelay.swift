import Foundation
import Logging
import SQLKit
import SkyportStore

/// The booking engine as a source: reads `order.created` and `order.cancelled` from the outbox (its
/// own cursor) and stores them as Segment `Order Completed` and `Order Cancelled` events. The message
/// id is derived from the outbox row, so a relay that crashes and reads a row again stores it once; it is a
/// digest of the whole row (which holds the order's random id), so nobody outside can predict it.
public struct BookingEventRelay: Sendable {
    public static let consumer = "cdp-booking-relay"

    let database: any Database
    let collector: EventCollector
    let logger: Logger
    /// Milliseconds since 1970.
    let now: @Sendable () -> Int64

    public init(database: any Database, logger: Logger, now: @escaping @Sendable () -> Int64) {
        self.database = database
        collector = EventCollector(database: database)
        self.logger = logger
        self.now = now
    }

    /// Relays the next outbox rows; returns how many it read.
    @discardableResult
    public func relayBatch(limit: Int = 500) async throws -> Int {
        let source = EventSources.FirstParty.bookingEngine.source
        return try await database.transaction { sql in
            let now = now()
            let position = try await ConsumerCursor.lock(Self.consumer, engine: database.engine, on: sql, now: now)
            let rows = ConsumerCursor.ready(try await Outbox.events(after: position, limit: limit, on: sql), after: position, engine: database.engine,
                                            id: \.id, writtenAt: { $0.createdAt * 1000 }, now: now, grace: 2000)
            guard let last = rows.last else { return 0 }
            let messages = try rows.compactMap(message)
            try await collector.store(messages, from: source, receivedAt: now, on: sql)
            try await ConsumerCursor.advance(Self.consumer, to: last.id, on: sql, now: now)
            return rows.count
        }
    }

    /// Runs until cancelled.
    public func run(idle: Duration = .milliseconds(500)) async {
        await ConsumerLoop.run(idle: idle, logger: logger, name: "booking events to the customer data platform") {
            try await relayBatch()
        }
    }

    /// `booking-` and 32 hex digits of the SHA-256 of the row: the same for the same row, unguessable without it.
    static func messageID(of row: Outbox.Event) -> String {
        "booking-" + SHA256Hex.digest("\(row.id)\n\(row.createdAt)\n\(row.topic)\n\(row.payload)").prefix(32)
    }

    /// The Segment message for an outbox row, or nil for topics the CDP does not take.
    func message(_ row: Outbox.Event) throws -> SegmentMessage? {
        let name: String
        switch row.topic {
        case "order.created": name = "Order Completed"
        case "order.cancelled": name = "Order Cancelled"
        default: return nil
        }
        guard case .object(let payload) = try JSONValue(json: row.payload) else { return nil }
        var properties = payload
        properties["customer_id"] = nil
        properties["contact_email"] = nil
        // The PNR is the order id customers and the web site know.
        properties["skyport_order_id"] = payload["order_id"]
        if let reference = payload["booking_reference"] { properties["order_id"] = reference }
        properties["total"] = payload["total_amount"]
        properties["currency"] = payload["total_currency"] ?? payload["refund_currency"]
        var message: [String: JSONValue] = [
            "type": .string("track"), "event": .string(name), "messageId": .string(Self.messageID(of: row)),
            "timestamp": .string(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(row.createdAt)))),
            "properties": .object(properties),
            "context": .object(["library": .object(["name": .string("skyport-booking")]),
                                "traits": .object(payload["contact_email"].map { ["email": $0] } ?? [:])]),
        ]
        // A guest order is known by its booking reference until its email links it to a person.
        message["userId"] = payload["customer_id"].flatMap { $0 == .null ? nil : $0 }
        message["anonymousId"] = .string("order-" + (payload["booking_reference"]?.string ?? payload["order_id"]?.string ?? "\(row.id)"))
        return try SegmentMessage(message, kind: nil, batchSentAt: nil, field: "")
    }
}
