import Accounts
import Booking
import SQLKit
import SkyportStore

/// Queues the messages of a disruption level: one per confirmed booking on the flight, in the transaction
/// that reached the level, so a level is never reached without its messages nor told twice (one message per
/// disruption, level and booking, by a unique key). Each message covers every passenger on its booking
/// and goes to the booking's contact; it is worded and sent afterwards (`NotificationPreparer`).
public enum NotificationQueue {
    /// Queues the messages; returns how many bookings were new to this level.
    @discardableResult
    public static func enqueue(_ reached: DisruptionService.LevelReached, at now: Int64, on sql: any SQLDatabase) async throws -> Int {
        // The disruption row already holds the level reached: it was written earlier in this transaction.
        let disruptions = try await DisruptionStore.reached(reached.disruptionID, on: sql)
        return try await insert(try await bookings(of: disruptions, untoldOnly: false, on: sql), at: now, on: sql)
    }

    /// Bookings on a disrupted flight that were never told of its disruption: made, or moved onto the flight,
    /// after it reached its level. Each is queued one message at the disruption's current level; returns how many.
    @discardableResult
    public static func enqueueLateBookings(at now: Int64, in database: any Database) async throws -> Int {
        // Looked for first: most passes find nobody, and a read does not take SQLite's writer.
        let found = try await database.read { sql in try await untoldBookings(on: sql).count }
        guard found > 0 else { return 0 }
        return try await database.transaction { sql in try await insert(try await untoldBookings(on: sql), at: now, on: sql) }
    }

    /// A message to queue: a booking on a disrupted flight.
    struct Recipient {
        let disruption: DisruptionStore.Reached
        let booking: FlightBooking
    }

    static func untoldBookings(on sql: any SQLDatabase) async throws -> [Recipient] {
        try await bookings(of: try await DisruptionStore.reached(nil, on: sql), untoldOnly: true, on: sql)
    }

    /// The confirmed bookings on the disruptions' flights; with `untoldOnly`, those without a message of that disruption.
    static func bookings(of disruptions: [DisruptionStore.Reached], untoldOnly: Bool, on sql: any SQLDatabase) async throws -> [Recipient] {
        guard !disruptions.isEmpty else { return [] }
        let onFlight = Dictionary(grouping: try await ManifestStore.bookings(onFlights: disruptions.map(\.flight_id), confirmedOnly: true, on: sql),
                                  by: \.flightID)
        let told = untoldOnly ? try await NotificationStore.told(of: disruptions.map(\.id), on: sql) : []
        return disruptions.flatMap { disruption in
            (onFlight[disruption.flight_id] ?? []).filter { !told.contains([disruption.id, $0.orderID]) }
                .map { Recipient(disruption: disruption, booking: $0) }
        }
    }

    /// Queues a message at its disruption's level for each recipient (in the booking's language, else its customer's, else
    /// English); returns how many were new.
    static func insert(_ recipients: [Recipient], at now: Int64, on sql: any SQLDatabase) async throws -> Int {
        let preferred = try await CustomerStore.preferredLanguages(of: recipients.compactMap(\.booking.customerID), on: sql)
        let messages = recipients.map { recipient in
            let disruption = recipient.disruption, booking = recipient.booking
            return NotificationStore.NewMessage(
                id: "ntf_\(disruption.id)_\(disruption.level)_\(booking.orderID)", disruptionID: disruption.id, level: disruption.level,
                orderID: booking.orderID, customerID: booking.customerID,
                language: booking.language ?? booking.customerID.flatMap { preferred[$0] } ?? "en", passengers: booking.passengers)
        }
        return try await NotificationStore.queue(messages, at: now, on: sql)
    }
}
