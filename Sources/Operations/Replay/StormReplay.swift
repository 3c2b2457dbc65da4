import Booking
import Foundation
import Logging
import Prediction
import SQLKit
import SkyportDomain
import SkyportStore

/// Plays a day of the 2013 record again, step by step, against the deployed delay model: the weather as it
/// was observed, departures as they left, cancellations announced ahead of departure, over a schedule with
/// real bookings on it. Each step scores the departures ahead, tells the passengers of every disruption
/// level reached, and lets the replay's passengers answer (move to a held alternative or take their money
/// back) through the same services the site and the API use.
///
/// The replay's database is its own (`NetworkImporter.importReplay` fills it): the day, the week before
/// and the day after, with the deployed model copied in.
public struct StormReplay: Sendable {
    public let plan: ReplayPlan
    let database: any Database
    let booking: BookingServices
    let operations: OperationsPlatform
    let clock: ReplayClock
    let logger: Logger
    /// New York's time zone and wall clock: the record's departures leave from there.
    static let newYorkZone = "America/New_York"
    static let newYork = WallClock(timeZoneIdentifier: newYorkZone)!

    public init(plan: ReplayPlan, database: any Database, booking: BookingServices, operations: OperationsPlatform, clock: ReplayClock,
                logger: Logger) throws {
        try plan.validate()
        self.plan = plan
        self.database = database
        self.booking = booking
        self.operations = operations
        self.clock = clock
        self.logger = logger
    }

    /// When the replay starts and ends, in seconds since 1970.
    public var start: Int64 { Self.instant(plan.date, minutes: plan.startMinutes) }
    public var end: Int64 { Self.instant(plan.date, minutes: plan.endMinutes) }
    public var finished: Bool { clock.now >= end }

    /// `minutes` after local midnight of `date` in New York, in seconds since 1970.
    public static func instant(_ date: LocalDate, minutes: Int) -> Int64 {
        Int64(newYork.instant(on: date, minutesAfterMidnight: minutes).timeIntervalSince1970)
    }

    /// `08:15`: an instant as New York reads it.
    public static func localTime(_ seconds: Int64) -> String {
        LocalTime.time(seconds, timeZone: newYorkZone)
    }

    // MARK: - Before the day

    /// What `prepare` made.
    public struct Preparation: Sendable, Codable, Equatable {
        public var flights = 0
        public var bookings = 0
        public var passengers = 0
        /// Bookings filed under the customer account given, if any.
        public var customerBookings: [String] = []
        /// A few bookings to look up on the site.
        public var examples: [Example] = []

        public struct Example: Sendable, Codable, Equatable {
            public let reference: String
            public let familyName: String
        }
    }

    /// Records the week before as it happened, feeds the weather up to the start, and books passengers on
    /// the day's flights (`customerID` gets every twenty-fifth booking in its account).
    public func prepare(customerID: String? = nil) async throws -> Preparation {
        clock.move(to: start)
        try await recordWeekBefore()
        _ = try await operations.weather.store(try await HistoricalWeatherFeed(database: database)
            .observations(from: Self.instant(plan.date.adding(days: -1), minutes: 0), to: start + 1))
        return try await book(customerID: customerID)
    }

    /// The days before are history: their departures and cancellations are stored as the record has them.
    func recordWeekBefore() async throws {
        let now = clock.now, day = plan.date
        try await database.transaction { sql in
            let flights = try await FlightStore.flights(departingBefore: day.iso, on: sql)
            guard let earliest = flights.map(\.departureDate).min() else { return }
            let record = try await HistoryStore.flights(from: earliest, through: day.adding(days: -1).iso, on: sql)
            let fates = RecordedFates(flights: flights, record: record).fates
            try await DepartureStore.record(fates.compactMap { fate in fate.departedAt.map { (fate.flight.id, $0) } }, at: now, on: sql)
            try await FlightStore.cancel(fates.filter(\.cancelledInRecord).map(\.flight.id), on: sql)
        }
    }

    /// Books `bookingsPerFlight` bookings on every flight of the day that leaves at least half an hour after the start.
    func book(customerID: String?) async throws -> Preparation {
        let flights = try await database.read { [plan, start] sql in
            try await FlightStore.flights(departingOn: plan.date.iso, on: sql).filter { !$0.isCancelled && $0.departsAt >= start + 1800 }
        }
        var preparation = Preparation(flights: flights.count)
        var fares = ReplayFares(shopping: booking.shopping, date: plan.date)
        var number = 0
        for flight in flights {
            for _ in 0..<plan.bookingsPerFlight {
                number += 1
                let party = ReplayPassengers.party(number: number, size: 1 + number % 3)
                let customer = customerID != nil && number % 25 == 1 ? customerID : nil
                do {
                    guard let created = try await place(number: number, party: party, on: flight, customerID: customer, fares: &fares) else { continue }
                    preparation.bookings += 1
                    preparation.passengers += party.count
                    if customer != nil { preparation.customerBookings.append(created.order.id) }
                    if preparation.examples.count < 3, flight.origin == "JFK" || flight.origin == "LGA" {
                        preparation.examples.append(.init(reference: created.order.bookingReference, familyName: party[0].family))
                    }
                } catch let error as ServiceError where error.kind == .conflict {
                    // Sold out at this party size: the flight is as full as the replay makes it.
                    logger.debug("replay booking skipped", metadata: ["flight": "\(flight.id)", "reason": "\(error.code)"])
                }
            }
        }
        return preparation
    }

    /// Makes the `number`th booking, on `flight`, priced again once when a booking class filled since the search.
    func place(number: Int, party: [(given: String, family: String)], on flight: FlightRecord, customerID: String?,
               fares: inout ReplayFares) async throws -> OrderCreated? {
        func order(_ offerID: String, key: String) async throws -> OrderCreated {
            let input = OrderInput(
                offerId: offerID,
                passengers: party.map { .init(type: "adult", givenName: $0.given, familyName: $0.family, birthDate: "1980-05-17") },
                contact: .init(email: "replay-\(number)@example.com", phoneNumber: "+1212555\(String(1000 + number % 9000))"),
                payment: .init(card: .init(number: "4242424242424242", expiryMonth: 12, expiryYear: 2030, cvc: "123",
                                           holderName: "\(party[0].given) \(party[0].family)")))
            return try await booking.orders.create(input, idempotencyKey: key, requestHash: key, customerID: customerID,
                                                   language: number % 4 == 0 ? "ko" : "en")
        }
        guard let offerID = try await fares.offer(flight.id, from: flight.origin, to: flight.destination, party: party.count) else { return nil }
        let key = "replay-\(plan.date.iso)-\(number)"
        do {
            return try await order(offerID, key: key)
        } catch let error as ServiceError where error.code == .offerRepriced {
            guard let repriced = try await fares.offer(flight.id, from: flight.origin, to: flight.destination, party: party.count, fresh: true) else {
                return nil
            }
            return try await order(repriced, key: key + "-repriced")
        }
    }

    // MARK: - The day

    /// What one step played.
    public struct Step: Sendable, Codable, Equatable {
        public var at: Int64
        public var observations = 0
        public var departed = 0
        public var cancelled = 0
        public var pass = DisruptionService.PassSummary()
        public var told = 0
        public var rebooked = 0
        public var refunded = 0
    }

    /// Moves the clock one step (not past the end) and plays it. Does nothing once the replay is finished.
    @discardableResult
    public func step() async throws -> Step {
        let from = clock.now, to = min(end, from + Int64(plan.stepMinutes) * 60)
        guard to > from else { return Step(at: from) }
        clock.move(to: to)
        var step = Step(at: to)
        step.observations = try await operations.weather.store(
            try await HistoricalWeatherFeed(database: database).observations(from: from + 1, to: to + 1)).stored
        let due = try await dueOutcomes(upTo: to)
        for (flightID, departedAt) in due where departedAt == nil {
            _ = try await operations.disruptions.declareCancellation(flightID: flightID, by: "replay", note: "cancelled in the 2013 record")
            step.cancelled += 1
        }
        for case let (flightID, departedAt?) in due {
            try await operations.disruptions.recordDeparture(flightID: flightID, departedAt: departedAt, by: "replay")
            step.departed += 1
        }
        // Holds that ran out on the replay's clock return their seats before new ones are taken.
        _ = try await booking.changes.releaseExpiredHolds()
        step.pass = try await operations.disruptions.assessUpcoming(logged: true)
        try await operations.worker.drain()
        // Counted by the replay's clock: `serve`'s own worker may have worded some of them.
        step.told = try await preparedCount(after: from, upTo: to)
        let answers = plan.answerMinutes * 60
        (step.rebooked, step.refunded) = try await passengersAnswer(toldAfter: from - Int64(answers), upTo: to - Int64(answers))
        return step
    }

    /// The day's flights whose fate, by the record, is due by `now` and not played yet: a departure time for
    /// each flight that left by then, nil for each cancelled one whose notice time has come.
    func dueOutcomes(upTo now: Int64) async throws -> [(flightID: String, departedAt: Int64?)] {
        let notice = Int64(plan.cancellationNoticeMinutes) * 60
        return try await database.read { [plan] sql in
            let scheduled = try await FlightStore.flights(departingOn: plan.date.iso, on: sql).filter { !$0.isCancelled }
            let departed = try await DepartureStore.departed(among: scheduled.map(\.id), on: sql)
            let record = try await HistoryStore.flights(from: plan.date.iso, through: plan.date.iso, on: sql)
            return RecordedFates(flights: scheduled.filter { !departed.contains($0.id) }, record: record).fates
                .filter { fate in
                    fate.delays.contains { delay in
                        delay.map { fate.flight.departsAt + Int64($0) * 60 <= now } ?? (fate.flight.departsAt - notice <= now)
                    }
                }
                .map { (flightID: $0.flight.id, departedAt: $0.departedAt) }
                // Cancellations first, then departures by time.
                .sorted { ($0.departedAt ?? .min, $0.flightID) < ($1.departedAt ?? .min, $1.flightID) }
        }
    }

    /// Messages worded in `(after, upTo]`.
    func preparedCount(after: Int64, upTo: Int64) async throws -> Int {
        try await database.read { sql in try await NotificationStore.prepared(after: after, upTo: upTo, on: sql).count }
    }

    /// The replay's passengers answer the messages worded in `(after, upTo]`: each decides once per message.
    func passengersAnswer(toldAfter after: Int64, upTo: Int64) async throws -> (rebooked: Int, refunded: Int) {
        guard upTo > after else { return (0, 0) }
        let told = try await database.read { sql in
            let messages = try await NotificationStore.prepared(after: after, upTo: upTo, on: sql)
            let orderIDs = Set(messages.map(\.orderID))
            let confirmed = Set(try await ManifestStore.bookings(orderIDs, on: sql).filter { $0.status == .confirmed }.map(\.orderID))
            let leads = try await ManifestStore.leadPassengers(of: orderIDs, on: sql)
            return messages.compactMap { message in
                leads[message.orderID].flatMap { lead in confirmed.contains(message.orderID) ? (message, lead) : nil }
            }
        }
        var rebooked = 0, refunded = 0
        for (message, lead) in told {
            guard let options = try await operations.rebooking.options(orderID: message.orderID)
                .first(where: { $0.disruptionID == message.disruptionID }) else { continue }
            let question = "\(options.flightID)/\(lead.given) \(lead.family)/\(message.level)"
            do {
                if ReplayPassengers.mind(question) < plan.acceptShare, let first = options.alternatives.first {
                    _ = try await operations.rebooking.accept(orderID: message.orderID, alternativeID: first.id, actor: "passenger:replay")
                    rebooked += 1
                } else if options.refundEligible, ReplayPassengers.mind("refund/" + question) < plan.refundShare {
                    _ = try await operations.rebooking.refund(orderID: message.orderID, actor: "passenger:replay")
                    refunded += 1
                }
            } catch let error as ServiceError where error.kind == .conflict || error.kind == .notFound {
                // The hold ran out or the booking changed meanwhile: the passenger waits for the next message.
                logger.debug("replay answer refused", metadata: ["order": "\(message.orderID)", "reason": "\(error.code)"])
            }
        }
        return (rebooked, refunded)
    }
}
