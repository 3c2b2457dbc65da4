import Booking
import Foundation
import Prediction
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing
@testable import Operations

/// A short replay from end to end: the fixture network's 10 December 2013 with a storm at JFK in the
/// morning, one flight cancelled in the record and two that left late, played against the champion model.
@Suite struct StormReplayTests {
    static let day = StormFixture.day

    @Test(arguments: TestDatabases.engines)
    func aReplayedStormOpensDisruptionsTellsEachBookingOncePerLevelAndRebooksWithinInventory(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            var plan = ReplayPlan(date: Self.day)
            plan.stepMinutes = 15
            plan.bookingsPerFlight = 4
            plan.refundShare = 1
            let directory = try StormFixture.writeCSVs()
            defer { try? FileManager.default.removeItem(at: directory) }
            let imported = try await NetworkImporter(database: database, dataDirectory: directory,
                                                     record: HistoryImporter(database: database), logger: TestDatabases.logger).importReplay(of: plan.daysStored)
            #expect(imported.scheduledFlights == 9 * 5 && imported.historicalFlights == 9 * 5)

            let clock = ReplayClock(at: 0)
            let now: @Sendable () -> Int64 = { clock.now }
            try await WeatherDelayModel.installChampion(in: database, now: StormReplay.instant(Self.day, minutes: 0))
            let receiver = try await WebhookReceiver()
            try await receiver.start()
            let booking = BookingServices(database: database, secret: BookingFixture.secret, payments: TestPaymentProcessor(), accountingCode: "999",
                                          clock: BookingClock { clock.date }, logger: TestDatabases.logger)
            let prediction = PredictionPlatform(database: database, modelDirectory: nil, schedule: ScheduleDepartureSource(database: database), logger: TestDatabases.logger, now: now)
            let operations = OperationsPlatform(
                database: database, prediction: prediction,
                booking: booking, policy: .standard, settings: NotificationSettings(publicURL: "https://fly.example", webhookDestinations: .loopback),
                channels: [WebhookChannel(database: database, destinations: .loopback)], templates: try MessageTemplates.bundled(), instance: "replay",
                logger: TestDatabases.logger, now: now)
            _ = try await operations.webhooks.create(url: receiver.url, description: "the airline's app")
            let replay = try StormReplay(plan: plan, database: database, booking: booking, operations: operations, clock: clock, logger: TestDatabases.logger)

            let prepared = try await replay.prepare()
            // From 05:00, every flight of the day leaves more than half an hour ahead: all five are booked.
            #expect(prepared.flights == 5 && prepared.bookings == 20)
            var steps: [StormReplay.Step] = []
            while !replay.finished { steps.append(try await replay.step()) }
            #expect(steps.count == 19 * 4 && clock.now == replay.end)
            #expect(try await replay.step() == StormReplay.Step(at: replay.end))

            let summary = try await replay.summary()
            #expect(summary.flights == 5 && summary.cancelled == 1 && summary.departed == 4)
            #expect(summary.disruptions["cancelled"] == 1)
            #expect(summary.disruptions.filter { $0.key != "cancelled" }.values.reduce(0, +) >= 1, "the storm opens predicted disruptions: \(summary.disruptions)")
            #expect(summary.messages == steps.map(\.told).reduce(0, +) && summary.messages > 0)
            #expect(summary.rebookings == steps.map(\.rebooked).reduce(0, +) && summary.rebookings > 0, "\(summary)")
            #expect(summary.bookingsRefunded == steps.map(\.refunded).reduce(0, +))
            #expect(summary.inventoryConsistent)
            #expect(summary.deliveries.keys.allSatisfy { $0.hasSuffix("/delivered") } && summary.deliveries["webhook/delivered"] == summary.messages)
            #expect(receiver.requests.count == summary.messages)

            try await database.read { sql in
                // Every level a disruption reached was told once to each booking on the flight then, and no other level.
                let told = try await sql.raw("""
                    SELECT n.disruption_id, n.level, n.order_id FROM notifications n WHERE n.status = 'prepared'
                    """).all().map { "\(try $0.decode(column: "disruption_id", as: String.self))/\(try $0.decode(column: "level", as: String.self))/\(try $0.decode(column: "order_id", as: String.self))" }
                #expect(Set(told).count == told.count)
                let disruptions = try await sql.raw("SELECT id, flight_id, peak_level FROM disruptions").all()
                for disruption in disruptions {
                    let id = try disruption.decode(column: "id", as: String.self)
                    let reached = Set(try await sql.raw("""
                        SELECT level FROM disruption_events WHERE disruption_id = \(bind: id) AND kind IN ('opened', 'level_raised')
                        """).all().map { try $0.decode(column: "level", as: String.self) })
                    let levels = Set(told.filter { $0.hasPrefix(id + "/") }.map { $0.split(separator: "/")[1] }.map(String.init))
                    #expect(levels.isSubset(of: reached))
                    // Bookings still on the flight heard of its highest level.
                    let peak = try disruption.decode(column: "peak_level", as: String.self)
                    let onBoard = try await sql.raw("""
                        SELECT DISTINCT s.order_id FROM order_segments s JOIN orders o ON o.id = s.order_id
                        WHERE s.flight_id = \(bind: try disruption.decode(column: "flight_id", as: String.self)) AND o.status = 'confirmed'
                        """).all().map { try $0.decode(column: "order_id", as: String.self) }
                    #expect(onBoard.allSatisfy { told.contains("\(id)/\(peak)/\($0)") })
                }
                // A moved booking is on the flight it was last moved to, and its tickets were reissued at every move.
                let moves = try await sql.raw("""
                    SELECT c.order_id, (SELECT COUNT(*) FROM order_segments s WHERE s.order_id = c.order_id AND s.flight_id = c.to_flight_id) AS on_it
                    FROM order_changes c WHERE c.kind = 'rebooked'
                      AND c.created_at = (SELECT MAX(l.created_at) FROM order_changes l WHERE l.order_id = c.order_id AND l.kind = 'rebooked')
                    """).all()
                #expect(try moves.allSatisfy { try $0.decode(column: "on_it", as: Int.self) == 1 })
                let reissues = try await sql.raw("""
                    SELECT COUNT(*) AS n FROM (SELECT DISTINCT r.order_id, r.reissued_at FROM ticket_reissues r) x
                    """).first()!.decode(column: "n", as: Int.self)
                #expect(reissues == summary.rebookings)
                // Korean bookings were told in Korean.
                let korean = try await sql.raw("""
                    SELECT n.subject FROM notifications n JOIN orders o ON o.id = n.order_id WHERE o.language = 'ko' AND n.status = 'prepared'
                    """).all().map { try $0.decode(column: "subject", as: String.self) }
                #expect(!korean.isEmpty && korean.allSatisfy { $0.hasPrefix("지연") || $0.hasPrefix("결항") })
            }
            try await prediction.log.flush()
            try await receiver.stop()
        }
    }

    @Test func aPlanOutsideTheRecordIsRefused() {
        var plan = ReplayPlan(date: LocalDate(year: 2014, month: 2, day: 8)!)
        plan.stepMinutes = 0
        #expect(plan.problems == ["date: a day of 2013 (the record's year)", "step: 1 to 60 minutes"])
        #expect(ReplayPlan(date: Self.day).problems.isEmpty)
    }
}
