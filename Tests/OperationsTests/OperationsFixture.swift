import Booking
import Foundation
import Logging
import Prediction
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
@testable import Operations

/// The fixture network on sale, a champion delay model trained on the synthetic storms, the booking engine
/// and the operations platform wired as `serve` wires them, on a clock the test moves.
struct OperationsFixture: Sendable {
    let database: any Database
    let clock: MovableClock
    let prediction: PredictionPlatform
    let booking: BookingServices
    let operations: OperationsPlatform
    var weather: WeatherService { operations.weather }
    var disruptions: DisruptionService { operations.disruptions }

    /// 2026-12-01 10:00 UTC (05:00 in New York): the morning's departures lie ahead.
    static let morning = Int64(FixtureNetwork.firstDay.daysSinceEpoch) * 86_400 + 10 * 3600

    init(database: any Database, policy: DisruptionPolicy = .standard, channels: [any NotificationChannel] = [],
         retries: RetrySchedule = .standard, model: Bool = true, instance: String = "test") async throws {
        self.database = database
        _ = try await FixtureNetwork.seed(database)
        let clock = MovableClock(Date(timeIntervalSince1970: TimeInterval(Self.morning)))
        self.clock = clock
        let now: @Sendable () -> Int64 = { Int64(clock.now.timeIntervalSince1970) }
        if model { try await WeatherDelayModel.installChampion(in: database, now: now()) }
        prediction = PredictionPlatform(database: database, modelDirectory: nil, schedule: ScheduleDepartureSource(database: database), logger: TestDatabases.logger, now: now)
        booking = BookingServices(database: database, secret: BookingFixture.secret, payments: TestPaymentProcessor(), accountingCode: "999",
                                  clock: BookingClock { clock.now }, logger: TestDatabases.logger)
        operations = OperationsPlatform(
            database: database, prediction: prediction, booking: booking, policy: policy,
            settings: NotificationSettings(publicURL: "https://fly.example", retries: retries, webhookDestinations: .loopback), channels: channels,
            templates: try MessageTemplates.bundled(), instance: instance, logger: TestDatabases.logger, now: now)
    }

    /// Another Skyport instance over `database` (the same data through connections of its own), on this fixture's clock.
    func instance(over database: any Database, name: String, channels: [any NotificationChannel]) throws -> (OperationsPlatform, PredictionPlatform) {
        let clock = self.clock
        let now: @Sendable () -> Int64 = { Int64(clock.now.timeIntervalSince1970) }
        let booking = BookingServices(database: database, secret: BookingFixture.secret, payments: TestPaymentProcessor(), accountingCode: "999",
                                      clock: BookingClock { clock.now }, logger: TestDatabases.logger)
        let prediction = PredictionPlatform(database: database, modelDirectory: nil, schedule: ScheduleDepartureSource(database: database), logger: TestDatabases.logger, now: now)
        return (OperationsPlatform(
            database: database, prediction: prediction, booking: booking, policy: disruptions.policy,
            settings: NotificationSettings(publicURL: "https://fly.example", webhookDestinations: .loopback), channels: channels,
            templates: try MessageTemplates.bundled(), instance: name, logger: TestDatabases.logger, now: now), prediction)
    }

    var now: Int64 { Int64(clock.now.timeIntervalSince1970) }

    /// METAR text for `station`, observed nine minutes before the clock's hour, `hoursAgo` hours earlier.
    func report(_ station: String, _ body: String, hoursAgo: Int = 0) -> String {
        let observed = now - 9 * 60 - Int64(hoursAgo) * 3600
        let day = Calendar.utcDay(observed)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(station) \(two(day))\(two(Int(observed % 86_400 / 3600)))\(two(Int(observed % 3600 / 60)))Z \(body)"
    }

    static let calm = "27008KT 10SM FEW250 05/M04 A3030 RMK AO2 SLP262"
    static let blizzard = "36035G50KT 1/4SM +SN BLSN FZFG VV003 M06/M08 A2940 RMK AO2 SLP960 P0015"

    /// Buys `passengers` adults on the first offer of `origin`-`destination` on the fixture's first day whose
    /// flight is `flightID`; returns the order's id.
    func buy(_ flightID: String, passengers: Int = 1, familyName: String = "Lovelace", seat: String? = nil) async throws -> String {
        let parts = flightID.split(separator: "-")
        let route = parts[2]
        let search = BookingFixture.search(String(route.prefix(3)), String(route.suffix(3)), date: FixtureNetwork.firstDay,
                                           passengers: Array(repeating: "adult", count: passengers))
        let offers = try await booking.shopping.search(search).offers
        guard let offer = offers.first(where: { $0.slices.first?.segments.first?.flightId == flightID }) else {
            throw FixtureError("no offer on \(flightID)")
        }
        var input = BookingFixture.order(offerID: offer.id, passengers: Array(repeating: .adult, count: passengers), familyName: familyName)
        input.seats = seat.map { [.init(passengerIndex: 0, flightId: flightID, designator: $0)] }
        return try await booking.orders.create(input, idempotencyKey: nil, requestHash: UUID().uuidString).order.id
    }

    /// Every message queued or sent, as (booking, level), by booking and level.
    static func notifications(_ database: any Database) async throws -> [(order: String, level: String)] {
        try await database.read { sql in
            try await sql.raw("SELECT order_id, level FROM notifications ORDER BY order_id, level").all().map {
                (try $0.decode(column: "order_id", as: String.self), try $0.decode(column: "level", as: String.self))
            }
        }
    }

    /// Economy seats still for sale on `flightID`.
    func freeSeats(_ flightID: String) async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT capacity - sold AS free FROM flight_cabins WHERE flight_id = \(bind: flightID) AND cabin = 'economy'")
                .first()!.decode(column: "free", as: Int.self)
        }
    }

    /// Sells economy seats on `flightID` (a flight of the fixture's second day) until `free` are left.
    func fill(_ flightID: String, leaving free: Int) async throws {
        let route = flightID.split(separator: "-")[2]
        while try await freeSeats(flightID) > free {
            let seats = min(9, try await freeSeats(flightID) - free)
            let search = BookingFixture.search(String(route.prefix(3)), String(route.suffix(3)), date: FixtureNetwork.firstDay.adding(days: 1),
                                               passengers: Array(repeating: "adult", count: seats))
            guard let offer = try await booking.shopping.search(search).offers.first(where: { $0.slices[0].segments[0].flightId == flightID }) else {
                throw FixtureError("no offer on \(flightID)")
            }
            _ = try await booking.orders.create(BookingFixture.order(offerID: offer.id, passengers: Array(repeating: .adult, count: seats)),
                                                idempotencyKey: nil, requestHash: UUID().uuidString)
        }
    }

    struct FixtureError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Seats sold per flight against the seats that orders and live holds account for.
    func ledger() async throws -> [String: (sold: Int, accounted: Int, capacity: Int)] {
        try await database.read { sql in
            var ledger: [String: (sold: Int, accounted: Int, capacity: Int)] = [:]
            for row in try await sql.raw("""
                SELECT c.flight_id, c.cabin, c.sold, c.capacity,
                  (SELECT COALESCE(SUM(s.seats), 0) FROM order_segments s JOIN orders o ON o.id = s.order_id
                    WHERE s.flight_id = c.flight_id AND s.cabin = c.cabin AND o.status = 'confirmed') AS in_orders,
                  (SELECT COALESCE(SUM(h.seats), 0) FROM seat_holds h WHERE h.flight_id = c.flight_id AND h.cabin = c.cabin AND h.status = 'held') AS held
                FROM flight_cabins c WHERE c.sold > 0
                """).all() {
                let key = "\(try row.decode(column: "flight_id", as: String.self))/\(try row.decode(column: "cabin", as: String.self))"
                ledger[key] = (try row.decode(column: "sold", as: Int.self),
                               try row.decode(column: "in_orders", as: Int.self) + row.decode(column: "held", as: Int.self),
                               try row.decode(column: "capacity", as: Int.self))
            }
            return ledger
        }
    }
}

extension Calendar {
    static func utcDay(_ seconds: Int64) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.component(.day, from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}

extension WebhookDestinations {
    /// The tests' webhook receivers listen on loopback, which registered webhooks may not reach by default.
    static let loopback = WebhookDestinations(allowed: ["127.0.0.0/8", "::1"].compactMap(IPAddressRange.init))
}
