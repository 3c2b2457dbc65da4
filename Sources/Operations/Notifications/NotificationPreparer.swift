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
        let skipLocked = database.engine == .postgres
        return try await database.transaction { sql in
            let queued = try await NotificationStore.queued(limit: settings.batchSize, skipLocked: skipLocked, on: sql)
            let endpoints = try await WebhookEndpointStore.enabledIDs(subscribedTo: .orderDisruptionNotified, on: sql)
            for message in queued { try await prepare(message, endpoints: endpoints, on: sql) }
            return queued.count
        }
    }

    /// What a message says: the booking on the flight, the flight and the disruption.
    struct Context {
        let booking: FlightBooking
        let flight: FlightRecord
        let originZone: String, destinationZone: String
        let disruption: DisruptionStore.Told
    }

    /// The message's context, or nil when its booking is no longer confirmed on the flight.
    func context(of message: QueuedNotification, on sql: any SQLDatabase) async throws -> Context? {
        guard let disruption = try await DisruptionStore.told(message.disruption_id, on: sql),
            let flight = try await FlightStore.flight(disruption.flight_id, on: sql),
            let booking = try await ManifestStore.booking(message.order_id, onFlight: flight.id, on: sql), booking.status == .confirmed
        else { return nil }
        let zones = try await NetworkStore.timeZones(of: [flight.origin, flight.destination], on: sql)
        guard let originZone = zones[flight.origin], let destinationZone = zones[flight.destination] else { return nil }
        return Context(booking: booking, flight: flight, originZone: originZone, destinationZone: destinationZone, disruption: disruption)
    }

    func prepare(_ message: QueuedNotification, endpoints: [String], on sql: any SQLDatabase) async throws {
        let now = self.now()
        guard let context = try await context(of: message, on: sql) else {
            // Rebooked or cancelled since the level was reached: nothing to say.
            try await NotificationStore.skip(message.id, at: now, on: sql)
            return
        }
        let names = try await ManifestStore.passengerNames(of: message.order_id, on: sql)
        let alternatives = try await protectAlternatives(message, context: context, now: now, on: sql)
        let cancelled = context.disruption.kind == .cancellation
        let cancellationRisk = context.disruption.kind == .cancellationRisk
        let rights = PassengerRights(
            flight: .init(distanceMiles: context.flight.distanceMiles,
                          domestic: AirportJurisdiction.isUnitedStates(timeZone: context.originZone)
                              && AirportJurisdiction.isUnitedStates(timeZone: context.destinationZone),
                          departsFromEU: AirportJurisdiction.isEuropeanUnion(timeZone: context.originZone)),
            cancelled: cancelled, delayMinutes: context.disruption.expected_delay_minutes, extraordinary: true)
        let domestic = AirportJurisdiction.isUnitedStates(timeZone: context.originZone) && AirportJurisdiction.isUnitedStates(timeZone: context.destinationZone)
        let korean = message.language == "ko"
        let reasons = (try? JSONDecoder().decode([Disruption.Reason].self, from: Data(context.disruption.reasons.utf8))) ?? []
        let content = NotificationContent(
            orderID: message.order_id, reference: context.booking.recordLocator,
            greeting: names.first.map { korean ? "\($0.1) \($0.0)" : "\($0.0) \($0.1)" } ?? "",
            passengers: names.map { "\($0.0) \($0.1)" }.joined(separator: ", "),
            flightID: context.flight.id, flight: "\(context.flight.carrier) \(context.flight.flightNumber)", origin: context.flight.origin, destination: context.flight.destination,
            date: LocalTime.date(context.flight.departsAt, timeZone: context.originZone),
            scheduledTime: LocalTime.time(context.flight.departsAt, timeZone: context.originZone),
            expectedTime: LocalTime.time(context.disruption.expected_departs_at, timeZone: context.originZone),
            delay: LocalTime.duration(minutes: context.disruption.expected_delay_minutes, language: message.language),
            delayMinutes: context.disruption.expected_delay_minutes, cancelled: cancelled, cancellationRisk: cancellationRisk,
            cancellationChance: cancellationRisk ? Self.chance(context.disruption.probability, language: message.language) : "", predicted: context.disruption.cause == "predicted", level: message.level,
            reasons: reasons.map(\.phrase).joined(separator: "; "), alternatives: alternatives,
            heldUntil: alternatives.first.map { LocalTime.dateTime($0.heldUntil.seconds, timeZone: context.originZone) } ?? "",
            refundEligible: rights.refundIfDeclined, refundThresholdHours: domestic ? 3 : 6,
            link: "\(settings.publicURL)/bookings/\(message.order_id)", hasReasons: !reasons.isEmpty, hasAlternatives: !alternatives.isEmpty)
        let rendered = templates.render(content, language: message.language)
        let json = String(decoding: try JSONEncoder().encode(content), as: UTF8.self)
        try await NotificationStore.prepared(message.id, subject: rendered.subject, body: rendered.body, content: json, at: now, on: sql)
        try await createDeliveries(message, endpoints: endpoints, now: now, on: sql)
    }

    /// A probability in words: `40 %` in English, `40%` in Korean, to the nearest 10 % (the model is not more precise).
    static func chance(_ probability: Double?, language: String) -> String {
        let percent = Int(((probability ?? 0) * 10).rounded()) * 10
        return language == "ko" ? "\(percent)%" : "\(percent) %"
    }

    /// The booking's holds for the disruption, or new ones on the first later flights with room.
    func protectAlternatives(_ message: QueuedNotification, context: Context, now: Int64, on sql: any SQLDatabase) async throws -> [NotificationContent.Alternative] {
        var holds = try await changes.activeHolds(orderID: message.order_id, disruptionID: message.disruption_id, on: sql)
        if holds.isEmpty {
            let earliest = max(context.flight.departsAt, now + 45 * 60)
            let later = try await FlightStore.flightsWithRoom(
                from: context.flight.origin, to: context.flight.destination, cabin: context.booking.cabin, seats: context.booking.seats,
                departingAfter: earliest, until: context.flight.departsAt + Int64(settings.alternativeWindowHours) * 3600, on: sql)
                .filter { $0.id != context.flight.id }
            // Neither disrupted nor gone.
            let disrupted = try await DisruptionStore.open(of: later.map(\.id), on: sql)
            let departed = try await DepartureStore.departed(among: later.map(\.id), on: sql)
            let candidates = later.filter { disrupted[$0.id] == nil && !departed.contains($0.id) }.prefix(10).map { ($0.id, $0.departsAt) }
            for (flightID, departsAt) in candidates where holds.count < settings.alternativesPerBooking {
                let expiresAt = min(now + Int64(settings.holdMinutes) * 60, departsAt - 45 * 60)
                if let hold = try await changes.hold(flightID: flightID, cabin: context.booking.cabin, seats: context.booking.seats, orderID: message.order_id,
                                                     disruptionID: message.disruption_id, replacing: context.flight.id,
                                                     expiresAt: expiresAt, on: sql) {
                    holds.append(hold)
                }
            }
        }
        guard !holds.isEmpty else { return [] }
        let flights = try await FlightStore.flights(holds.map(\.flightID), on: sql)
        let zones = try await NetworkStore.timeZones(of: flights.values.flatMap { [$0.origin, $0.destination] }, on: sql)
        return holds.compactMap { hold in
            guard let flight = flights[hold.flightID], let originZone = zones[flight.origin], let destinationZone = zones[flight.destination]
            else { return nil }
            return NotificationContent.Alternative(
                id: hold.id, flightID: flight.id, flight: "\(flight.carrier) \(flight.flightNumber)",
                departure: LocalTime.dateTime(flight.departsAt, timeZone: originZone),
                arrival: LocalTime.dateTime(flight.arrivesAt, timeZone: destinationZone),
                departsAt: .init(flight.departsAt), heldUntil: .init(hold.expiresAt))
        }.sorted { $0.departsAt < $1.departsAt }
    }

    /// The inbox has the message as soon as it is worded; email and webhooks are sent by the dispatcher.
    func createDeliveries(_ message: QueuedNotification, endpoints: [String], now: Int64, on sql: any SQLDatabase) async throws {
        var rows: [(channel: String, target: String, delivered: Bool)] = [("inbox", message.customer_id ?? "order:\(message.order_id)", true)]
        if emailEnabled { rows.append(("email", "contact", false)) }
        for endpoint in endpoints { rows.append(("webhook", endpoint, false)) }
        for row in rows {
            try await NotificationStore.createDelivery(id: Identifier.make(prefix: "dlv"), notificationID: message.id, channel: row.channel,
                                                       target: row.target, delivered: row.delivered, at: now, on: sql)
        }
    }
}
