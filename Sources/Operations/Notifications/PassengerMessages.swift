import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// Reads of the messages: a customer's or a booking's inbox, one message with its delivery log, the
/// dead letters, and operators' retries of them.
public struct PassengerMessages: Sendable {
    let database: any Database
    let now: @Sendable () -> Int64

    public init(database: any Database, now: @escaping @Sendable () -> Int64) {
        self.database = database
        self.now = now
    }

    /// The worded messages of a customer's bookings, newest first.
    public func inbox(customerID: String, limit: Int = 50) async throws -> [NotificationMessage] {
        try await database.read { sql in try await NotificationStore.messages(.preparedForCustomer(customerID), limit: limit, on: sql) }
    }

    /// The worded messages about one booking, newest first.
    public func inbox(orderID: String, limit: Int = 50) async throws -> [NotificationMessage] {
        try await database.read { sql in try await NotificationStore.messages(.preparedForOrder(orderID), limit: limit, on: sql) }
    }

    /// One message with its deliveries and their logs.
    public func message(id: String) async throws -> NotificationMessage? {
        let (found, attempts) = try await database.read { sql in
            (try await NotificationStore.messages(.id(id), limit: 1, on: sql).first,
             try await NotificationStore.attempts(ofNotification: id, on: sql))
        }
        guard var message = found else { return nil }
        for index in message.deliveries.indices {
            message.deliveries[index].log = attempts.filter { $0.delivery_id == message.deliveries[index].id }.map(\.entry)
        }
        return message
    }

    /// Marks a message read (the customer opened it).
    public func markRead(id: String) async throws {
        try await database.transaction { sql in
            try await NotificationStore.markRead(id, at: now(), on: sql)
        }
    }

    /// Deliveries that failed their last try, newest first.
    public func deadLetters(limit: Int = 100) async throws -> [DeadLetter] {
        try await database.read { sql in try await NotificationStore.deadLetters(limit: limit, on: sql) }
    }

    /// Puts a dead delivery back in line for a new series of tries; false when it is not dead.
    public func retry(deliveryID: String) async throws -> Bool {
        let now = now()
        return try await database.transaction { sql in try await NotificationStore.retry(deliveryID: deliveryID, at: now, on: sql) }
    }

    /// A delivery on the dead-letter list.
    public struct DeadLetter: Sendable, Codable, Equatable {
        public let id: String
        public let notification_id: String
        public let channel: String
        public let target: String
        public let attempts: Int
        public let last_error: String?
        public let order_id: String
        public let disruption_id: String
        public let level: String
    }
}
