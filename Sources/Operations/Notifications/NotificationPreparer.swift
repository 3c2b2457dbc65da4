import Booking
import Foundation
import Logging
import SQLKit
import SkyportContracts
import SkyportDomain
import SkyportStore

/// Words the queued messages and hands them to their channels: for each booking it holds seats on later
/// flights of the same route and cabin (reusing holds it already has for the disruption), works out whether
/// the passenger may take a refund, renders the message in the booking's language, stores it in the inbox
/// and creates a delivery per channel (email to the contact, each webhook endpoint).
///
/// Messages are claimed with `FOR UPDATE SKIP LOCKED` on PostgreSQL, so instances share the work and
/// none words a message twice.
public struct NotificationPreparer: Sendable {
    let database: any Database
    let changes: OrderChangeService
    let templates: MessageTemplates
    let settings: NotificationSettings
    let emailEnabled: Bool
    let logger: Logger
    let now: @Sendable () -> Int64

    public init(database: any Database, changes: OrderChangeService, templates: MessageTemplates, settings: NotificationSettings,
                emailEnabled: Bool, logger: Logger, now: @escaping @Sendable () -> Int64) {
        self.database = database
        self.changes = changes
        self.templates = templates
        self.settings = settings
        self.emailEnabled = emailEnabled
        self.logger = logger
        self.now = now
    }

    /// Queues a message for each booking on a disrupted flight that has not been told of the disruption.
    @discardableResult
    public func queueLateBookings() async throws -> Int {
        try await NotificationQueue.enqueueLateBookings(at: now(), in: database)
    }

    /// Prepares up to one batch of queued messages; returns how many.
    @discardableResult
    public func prepareBatch() async throws -> Int {
        let skipLocked: SQLQueryString = database.engine == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await database.transaction { sql in
            let queued = try await sql.raw("""
                SELECT id, disruption_id, level, order_id, customer_id, language FROM notifications
                WHERE status = 'queued' ORDER BY created_at, id LIMIT \(bind: settings.batchSize)\(skipLocked)
                """).all(decoding: Queued.self)
            let endpoints = try await sql.raw("SELECT id FROM webhook_endpoints WHERE disabled_at IS NULL ORDER BY id").all()
                .map { try $0.decode(column: "id", as: String.self) }
            for message in queued { try await prepare(message, endpoints: endpoints, on: sql) }
            return queued.count
        }
    }

    struct Queued: Decodable {
        let id: String, disruption_id: String, level: String, order_id: String, customer_id: String?, language: String
    }

    struct Context: Decodable {
        let record_locator: String, status: OrderStatus, cabin: String, seats: Int
        let flight_id: String, carrier: String, flight_number: Int, origin: String, destination: String, departs_at: Int64
        let distance_miles: Int, origin_zone: String, destination_zone: String
        let kind: DisruptionKind, expected_delay_minutes: Int, expected_departs_at: Int64, reasons: String, cause: String
    }

    func prepare(_ message: Queued, endpoints: [String], on sql: any SQLDatabase) async throws {
        let now = self.now()
        guard let context = try await sql.raw("""
            SELECT o.record_locator, o.status, s.cabin, s.seats, f.id AS flight_id, f.carrier, f.flight_number, f.origin, f.destination,
                   f.departs_at, f.distance_miles, a.time_zone AS origin_zone, b.time_zone AS destination_zone,
                   x.kind, x.expected_delay_minutes, x.expected_departs_at, x.reasons, x.cause
            FROM notifications n JOIN disruptions x ON x.id = n.disruption_id JOIN flights f ON f.id = x.flight_id
            JOIN orders o ON o.id = n.order_id JOIN order_segments s ON s.order_id = o.id AND s.flight_id = f.id
            JOIN airports a ON a.code = f.origin JOIN airports b ON b.code = f.destination
            WHERE n.id = \(bind: message.id)
            """).first(decoding: Context.self), context.status == .confirmed else {
            // Rebooked or cancelled since the level was reached: nothing to say.
            try await sql.raw("UPDATE notifications SET status = 'skipped', prepared_at = \(bind: now) WHERE id = \(bind: message.id)").run()
            return
        }
        let names = try await sql.raw("""
            SELECT given_name, family_name FROM order_passengers WHERE order_id = \(bind: message.order_id) ORDER BY position
            """).all().map { (try $0.decode(column: "given_name", as: String.self), try $0.decode(column: "family_name", as: String.self)) }
        let alternatives = try await protectAlternatives(message, context: context, now: now, on: sql)
        let cancelled = context.kind == .cancellation
        let rights = PassengerRights(
            flight: .init(distanceMiles: context.distance_miles,
                          domestic: AirportJurisdiction.isUnitedStates(timeZone: context.origin_zone)
                              && AirportJurisdiction.isUnitedStates(timeZone: context.destination_zone),
                          departsFromEU: AirportJurisdiction.isEuropeanUnion(timeZone: context.origin_zone)),
            cancelled: cancelled, delayMinutes: context.expected_delay_minutes, extraordinary: true)
        let domestic = AirportJurisdiction.isUnitedStates(timeZone: context.origin_zone) && AirportJurisdiction.isUnitedStates(timeZone: context.destination_zone)
        let korean = message.language == "ko"
        let reasons = (try? JSONDecoder().decode([Disruption.Reason].self, from: Data(context.reasons.utf8))) ?? []
        let content = NotificationContent(
            orderID: message.order_id, reference: context.record_locator,
            greeting: names.first.map { korean ? "\($0.1) \($0.0)" : "\($0.0) \($0.1)" } ?? "",
            passengers: names.map { "\($0.0) \($0.1)" }.joined(separator: ", "),
            flightID: context.flight_id, flight: "\(context.carrier) \(context.flight_number)", origin: context.origin, destination: context.destination,
            date: LocalTime.date(context.departs_at, timeZone: context.origin_zone),
            scheduledTime: LocalTime.time(context.departs_at, timeZone: context.origin_zone),
            expectedTime: LocalTime.time(context.expected_departs_at, timeZone: context.origin_zone),
            delay: LocalTime.duration(minutes: context.expected_delay_minutes, language: message.language),
            delayMinutes: context.expected_delay_minutes, cancelled: cancelled, predicted: context.cause == "predicted", level: message.level,
            reasons: reasons.map(\.phrase).joined(separator: "; "), alternatives: alternatives,
            heldUntil: alternatives.first.map { LocalTime.dateTime($0.heldUntil.seconds, timeZone: context.origin_zone) } ?? "",
            refundEligible: rights.refundIfDeclined, refundThresholdHours: domestic ? 3 : 6,
            link: "\(settings.publicURL)/bookings/\(message.order_id)", hasReasons: !reasons.isEmpty, hasAlternatives: !alternatives.isEmpty)
        let rendered = templates.render(content, language: message.language)
        let json = String(decoding: try JSONEncoder().encode(content), as: UTF8.self)
        try await sql.raw("""
            UPDATE notifications SET status = 'prepared', subject = \(bind: rendered.subject), body = \(bind: rendered.body),
                content = \(bind: json), prepared_at = \(bind: now)
            WHERE id = \(bind: message.id)
            """).run()
        try await createDeliveries(message, endpoints: endpoints, now: now, on: sql)
    }

    /// The booking's holds for the disruption, or new ones on the first later flights with room.
    func protectAlternatives(_ message: Queued, context: Context, now: Int64, on sql: any SQLDatabase) async throws -> [NotificationContent.Alternative] {
        var holds = try await changes.activeHolds(orderID: message.order_id, disruptionID: message.disruption_id, on: sql)
        if holds.isEmpty {
            let earliest = max(context.departs_at, now + 45 * 60)
            let candidates = try await sql.raw("""
                SELECT f.id, f.departs_at FROM flights f JOIN flight_cabins c ON c.flight_id = f.id AND c.cabin = \(bind: context.cabin)
                WHERE f.origin = \(bind: context.origin) AND f.destination = \(bind: context.destination) AND f.status = 'scheduled'
                  AND f.id <> \(bind: context.flight_id) AND f.departs_at > \(bind: earliest)
                  AND f.departs_at <= \(bind: context.departs_at + Int64(settings.alternativeWindowHours) * 3600)
                  AND c.capacity - c.sold >= \(bind: context.seats)
                  AND NOT EXISTS (SELECT 1 FROM disruptions x WHERE x.flight_id = f.id AND x.status = 'open')
                  AND NOT EXISTS (SELECT 1 FROM flight_departures d WHERE d.flight_id = f.id)
                ORDER BY f.departs_at, f.id LIMIT 10
                """).all().map { (try $0.decode(column: "id", as: String.self), try $0.decode(column: "departs_at", as: Int64.self)) }
            for (flightID, departsAt) in candidates where holds.count < settings.alternativesPerBooking {
                let expiresAt = min(now + Int64(settings.holdMinutes) * 60, departsAt - 45 * 60)
                if let hold = try await changes.hold(flightID: flightID, cabin: context.cabin, seats: context.seats, orderID: message.order_id,
                                                     disruptionID: message.disruption_id, replacing: context.flight_id,
                                                     expiresAt: expiresAt, on: sql) {
                    holds.append(hold)
                }
            }
        }
        guard !holds.isEmpty else { return [] }
        let flights = try await sql.raw("""
            SELECT f.id, f.carrier, f.flight_number, f.departs_at, f.arrives_at, a.time_zone AS origin_zone, b.time_zone AS destination_zone
            FROM flights f JOIN airports a ON a.code = f.origin JOIN airports b ON b.code = f.destination
            WHERE f.id IN (\(binds: holds.map(\.flightID)))
            """).all(decoding: AlternativeFlight.self)
        return holds.compactMap { hold in
            guard let flight = flights.first(where: { $0.id == hold.flightID }) else { return nil }
            return NotificationContent.Alternative(
                id: hold.id, flightID: flight.id, flight: "\(flight.carrier) \(flight.flight_number)",
                departure: LocalTime.dateTime(flight.departs_at, timeZone: flight.origin_zone),
                arrival: LocalTime.dateTime(flight.arrives_at, timeZone: flight.destination_zone),
                departsAt: .init(flight.departs_at), heldUntil: .init(hold.expiresAt))
        }.sorted { $0.departsAt < $1.departsAt }
    }

    struct AlternativeFlight: Decodable {
        let id: String, carrier: String, flight_number: Int, departs_at: Int64, arrives_at: Int64, origin_zone: String, destination_zone: String
    }

    /// The inbox has the message as soon as it is worded; email and webhooks are sent by the dispatcher.
    func createDeliveries(_ message: Queued, endpoints: [String], now: Int64, on sql: any SQLDatabase) async throws {
        var rows: [(channel: String, target: String, delivered: Bool)] = [("inbox", message.customer_id ?? "order:\(message.order_id)", true)]
        if emailEnabled { rows.append(("email", "contact", false)) }
        for endpoint in endpoints { rows.append(("webhook", endpoint, false)) }
        for row in rows {
            let id = Identifier.make(prefix: "dlv")
            try await sql.raw("""
                INSERT INTO notification_deliveries (id, notification_id, channel, target, status, attempts, next_attempt_at, delivered_at, created_at)
                VALUES (\(bind: id), \(bind: message.id), \(bind: row.channel), \(bind: row.target), \(bind: row.delivered ? "delivered" : "pending"),
                        \(bind: row.delivered ? 1 : 0), \(bind: now), \(bind: row.delivered ? now : nil), \(bind: now))
                """).run()
            if row.delivered {
                try await sql.raw("""
                    INSERT INTO notification_attempts (delivery_id, attempt, attempted_at, outcome, detail)
                    VALUES (\(bind: id), 1, \(bind: now), 'delivered', 'in the inbox')
                    """).run()
            }
        }
    }
}
