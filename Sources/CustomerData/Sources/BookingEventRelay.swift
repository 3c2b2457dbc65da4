import Foundation
import Logging
import SQLKit
import SkyportContracts
import SkyportStore

/// The booking engine as a source: reads `order.created` and `order.cancelled` from the outbox (its
/// own cursor) and stores them as Segment `Order Completed` and `Order Cancelled` events, and the loyalty programme's
/// `loyalty.member_enrolled` as an `identify` that joins the membership number to the customer's profile. The message
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

    /// What the CDP takes of a booking event: Segment's event name, the booking's identifiers and its properties.
    struct BookingFacts {
        let event: String
        let orderID: String
        let bookingReference: String
        let contactEmail: String
        let customerID: String?
        let total: String?
        let currency: String
    }

    /// The booking facts of an outbox row, decoded through the topics' contracts; nil for topics the CDP does not take.
    static func facts(of row: Outbox.Event) throws -> BookingFacts? {
        if let created = try row.payload(of: .orderCreated) {
            return BookingFacts(event: "Order Completed", orderID: created.orderID, bookingReference: created.bookingReference,
                                contactEmail: created.contactEmail, customerID: created.customerID, total: created.totalAmount,
                                currency: created.totalCurrency)
        }
        if let cancelled = try row.payload(of: .orderCancelled) {
            return BookingFacts(event: "Order Cancelled", orderID: cancelled.orderID, bookingReference: cancelled.bookingReference,
                                contactEmail: cancelled.contactEmail, customerID: cancelled.customerID, total: nil,
                                currency: cancelled.refundCurrency)
        }
        return nil
    }

    /// The Segment message for an outbox row, or nil for topics the CDP does not take.
    func message(_ row: Outbox.Event) throws -> SegmentMessage? {
        if let enrolled = try row.payload(of: .memberEnrolled) {
            // A new member: the membership number joins the customer's profile as its loyalty number.
            return try SegmentMessage([
                "type": .string("identify"), "userId": .string(enrolled.customerID), "messageId": .string(Self.messageID(of: row)),
                "timestamp": .string(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(row.createdAt)))),
                "traits": .object(["email": .string(enrolled.email), "loyalty_number": .string(enrolled.membershipNumber)]),
                "context": .object(["library": .object(["name": .string("skyport-loyalty")])]),
            ], kind: nil, batchSentAt: nil, field: "")
        }
        guard let facts = try Self.facts(of: row) else { return nil }
        // The payload's own fields become the event's properties, read once with the fast parser (the contract has
        // checked them above).
        var properties = try JSONValue(json: row.payload).objectValue ?? [:]
        properties["customer_id"] = nil
        properties["contact_email"] = nil
        // The PNR is the order id customers and the web site know.
        properties["skyport_order_id"] = .string(facts.orderID)
        properties["order_id"] = .string(facts.bookingReference)
        properties["total"] = facts.total.map(JSONValue.string)
        properties["currency"] = .string(facts.currency)
        var message: [String: JSONValue] = [
            "type": .string("track"), "event": .string(facts.event), "messageId": .string(Self.messageID(of: row)),
            "timestamp": .string(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(row.createdAt)))),
            "properties": .object(properties),
            "context": .object(["library": .object(["name": .string("skyport-booking")]),
                                "traits": .object(["email": .string(facts.contactEmail)])]),
        ]
        // A guest order is known by its booking reference until its email links it to a person.
        message["userId"] = facts.customerID.map(JSONValue.string)
        message["anonymousId"] = .string("order-" + facts.bookingReference)
        return try SegmentMessage(message, kind: nil, batchSentAt: nil, field: "")
    }
}
