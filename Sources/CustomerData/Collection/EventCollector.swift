import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// Receives Segment-format messages: checks every one, then stores them all in one transaction, so a
/// 200 means every message is on disk and a refusal means none was stored. A `messageId` seen before
/// is skipped (a client's retry never counts twice).
public struct EventCollector: Sendable {
    let database: any Database

    public static let maximumBatchBytes = 500 * 1024

    public init(database: any Database) {
        self.database = database
    }

    /// What a collection stored.
    public struct Receipt: Sendable, Equatable {
        public let received: Int
        public let stored: Int
        public var duplicates: Int { received - stored }
    }

    /// Stores `messages` for `source`, received at `receivedAt` (milliseconds since 1970).
    @discardableResult
    public func collect(_ messages: [SegmentMessage], from source: EventSource, receivedAt: Int64) async throws -> Receipt {
        guard !messages.isEmpty else { return Receipt(received: 0, stored: 0) }
        // The same messageId twice in one batch is one event too.
        var seen = Set<String>()
        let unique = messages.filter { seen.insert($0.messageID).inserted }
        let rows: [BulkInsert.Row] = unique.map { message in
            [message.messageID, source.id, message.kind.rawValue, message.event, message.userID, message.anonymousID,
             message.occurredAt(receivedAt: receivedAt), message.sentAt, receivedAt, message.payload]
        }
        let ids = unique.map(\.messageID)
        let known = try await database.transaction { sql in
            let known = try await sql.raw("SELECT COUNT(*) AS n FROM cdp_events WHERE message_id IN (\(binds: ids))")
                .first()?.decode(column: "n", as: Int.self) ?? 0
            try await BulkInsert.insert(into: "cdp_events", columns: [
                "message_id", "source_id", "type", "event", "user_id", "anonymous_id", "occurred_at", "sent_at", "received_at", "payload",
            ], rows: rows, onConflict: .keep(key: ["message_id"]), on: sql)
            return known
        }
        return Receipt(received: messages.count, stored: unique.count - known)
    }
}
