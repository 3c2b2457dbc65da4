import Foundation
import SQLKit
import SkyportContracts

/// Writes domain events to the outbox table in the caller's transaction, so an event exists
/// exactly when the change it describes was committed. Other modules read it in order.
public enum Outbox {
    /// Appends `payload` (a JSON object) under `topic`, e.g. `.orderCreated`.
    public static func append<Payload>(topic: OutboxTopic<Payload>, aggregateID: String, payload: Payload, on sql: any SQLDatabase,
                                       at now: Date) async throws {
        try await append([(topic: topic, aggregateID: aggregateID, payload: payload)], on: sql, at: now)
    }

    /// Appends several events in one statement (same semantics as `append`, in order).
    public static func append<Payload>(_ events: [(topic: OutboxTopic<Payload>, aggregateID: String, payload: Payload)], on sql: any SQLDatabase,
                                       at now: Date) async throws {
        guard !events.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let created = Int64(now.timeIntervalSince1970)
        let rows: [BulkInsert.Row] = try events.map { event in
            [event.topic.name, event.aggregateID, String(decoding: try encoder.encode(event.payload), as: UTF8.self), created]
        }
        // Inserted in the given order, so ids (the order readers follow) keep it.
        try await BulkInsert.insert(into: "outbox_events", columns: ["topic", "aggregate_id", "payload", "created_at"], rows: rows,
                                    onConflict: nil, on: sql)
    }

    /// How many events `consumer` has not read yet.
    public static func backlog(of consumer: String, on sql: any SQLDatabase) async throws -> Int {
        let position = try await ConsumerCursor.position(consumer, on: sql)
        return try await sql.count("SELECT COUNT(*) AS n FROM outbox_events WHERE id > \(bind: position)")
    }

    /// How many events written before `end` (seconds since 1970) `consumer` has not read yet.
    public static func backlog(of consumer: String, writtenBefore end: Int64, on sql: any SQLDatabase) async throws -> Int {
        let position = try await ConsumerCursor.position(consumer, on: sql)
        return try await sql.count("SELECT COUNT(*) AS n FROM outbox_events WHERE id > \(bind: position) AND created_at < \(bind: end)")
    }

    /// An event as stored.
    public struct Event: Sendable, Decodable {
        public let id: Int64
        public let topic: String
        public let aggregateId: String
        public let payload: String
        public let createdAt: Int64

        enum CodingKeys: String, CodingKey {
            case id, topic, payload
            case aggregateId = "aggregate_id"
            case createdAt = "created_at"
        }

        /// The payload as `topic`'s type; nil when the event is of another topic. Throws when the stored JSON does
        /// not match the contract (a consumer then stops on that event rather than skip it unread).
        public func payload<Payload>(of topic: OutboxTopic<Payload>) throws -> Payload? {
            guard self.topic == topic.name else { return nil }
            return try JSONDecoder().decode(Payload.self, from: Data(payload.utf8))
        }
    }

    /// Events after `afterID`, oldest first.
    public static func events(after afterID: Int64 = 0, limit: Int = 100, on sql: any SQLDatabase) async throws -> [Event] {
        try await sql.raw("""
            SELECT id, topic, aggregate_id, payload, created_at FROM outbox_events
            WHERE id > \(bind: afterID) ORDER BY id LIMIT \(bind: limit)
            """).all(decoding: Event.self)
    }
}
