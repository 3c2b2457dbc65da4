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
        let disruptions = try await sql.raw("SELECT id, flight_id, level FROM disruptions WHERE id = \(bind: reached.disruptionID)")
            .all(decoding: Reached.self)
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

    /// A disruption at the level its messages are for.
    struct Reached: Decodable {
        let id: String, flight_id: String, level: String
    }

    /// A message to queue: a booking on a disrupted flight.
    struct Recipient {
        let disruption: Reached
        let booking: FlightBooking
    }

    static func untoldBookings(on sql: any SQLDatabase) async throws -> [Recipient] {
        let open = try await sql.raw("SELECT id, flight_id, level FROM disruptions WHERE status = 'open'").all(decoding: Reached.self)
        return try await bookings(of: open, untoldOnly: true, on: sql)
    }

    /// The confirmed bookings on the disruptions' flights; with `untoldOnly`, those without a message of that disruption.
    static func bookings(of disruptions: [Reached], untoldOnly: Bool, on sql: any SQLDatabase) async throws -> [Recipient] {
        guard !disruptions.isEmpty else { return [] }
        let onFlight = Dictionary(grouping: try await ManifestStore.bookings(onFlights: disruptions.map(\.flight_id), confirmedOnly: true, on: sql),
                                  by: \.flightID)
        var told: Set<[String]> = []
        if untoldOnly {
            for chunk in disruptions.map(\.id).chunks(of: 500) {
                for row in try await sql.raw("SELECT DISTINCT disruption_id, order_id FROM notifications WHERE disruption_id IN (\(binds: Array(chunk)))").all() {
                    told.insert([try row.decode(column: "disruption_id", as: String.self), try row.decode(column: "order_id", as: String.self)])
                }
            }
        }
        return disruptions.flatMap { disruption in
            (onFlight[disruption.flight_id] ?? []).filter { !told.contains([disruption.id, $0.orderID]) }
                .map { Recipient(disruption: disruption, booking: $0) }
        }
    }

    /// Queues a message at its disruption's level for each recipient (in the booking's language, else its customer's, else
    /// English); returns how many were new.
    static func insert(_ recipients: [Recipient], at now: Int64, on sql: any SQLDatabase) async throws -> Int {
        let preferred = try await CustomerStore.preferredLanguages(of: recipients.compactMap(\.booking.customerID), on: sql)
        var queued = 0
        for recipient in recipients {
            let disruption = recipient.disruption, booking = recipient.booking
            let language = booking.language ?? booking.customerID.flatMap { preferred[$0] } ?? "en"
            queued += try await sql.raw("""
                INSERT INTO notifications (id, disruption_id, level, order_id, customer_id, language, passengers, status, created_at)
                VALUES (\(bind: "ntf_\(disruption.id)_\(disruption.level)_\(booking.orderID)"), \(bind: disruption.id), \(bind: disruption.level),
                        \(bind: booking.orderID), \(bind: booking.customerID), \(bind: language), \(bind: booking.passengers), 'queued', \(bind: now))
                ON CONFLICT (disruption_id, level, order_id) DO NOTHING
                RETURNING id
                """).all().count
        }
        return queued
    }
}
