import Accounting
import Booking
import Foundation
import Operations
import Prediction
import RevenueManagement
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

/// The ledger under real traffic: simulated passengers buying through the engine for two days of departures, checked
/// in and boarded at the gate or not, their flights departing; and a replayed storm's cancellations, rebookings and
/// involuntary refunds. Every figure the finance reports give is checked against SQL over the booking engine's tables.
@Suite struct LedgerEndToEndTests {
    @Test(arguments: TestDatabases.engines)
    func aSimulatedDayOfSalesAndDeparturesBalancesAndReconciles(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            let processor = TestPaymentProcessor()
            let first = Int64(FixtureNetwork.firstDay.daysSinceEpoch) * 86_400
            let end = first + 2 * 86_400
            let summary = try await BookingSimulator(database: database, secret: BookingFixture.secret, accountingCode: "999",
                                                     logger: TestDatabases.logger, payments: processor)
                .run(.init(seed: 11, markets: 2, firstDeparture: first, lastDeparture: end, until: end, demandFactor: 0.3))
            #expect(summary.orders > 20)

            // Each departed flight's passengers check in two hours before; four in five board; then the flight leaves.
            let flights = try await database.read { sql in
                try await sql.raw("""
                    SELECT DISTINCT f.id, f.departs_at FROM flights f JOIN order_segments s ON s.flight_id = f.id WHERE f.departs_at < \(bind: end)
                    ORDER BY f.departs_at, f.id
                    """).all().map { (try $0.decode(column: "id", as: String.self), try $0.decode(column: "departs_at", as: Int64.self)) }
            }
            var boarded = 0, orderIndex = 0
            for (flight, departsAt) in flights {
                let gate = BookingFixture(database: database, now: Date(timeIntervalSince1970: TimeInterval(departsAt - 2 * 3600)))
                let orders = try await database.read { sql in
                    try await sql.raw("SELECT DISTINCT order_id FROM order_segments WHERE flight_id = \(bind: flight) ORDER BY order_id").all()
                        .map { try $0.decode(column: "order_id", as: String.self) }
                }
                for order in orders {
                    orderIndex += 1
                    guard orderIndex % 5 != 0 else { continue }
                    let passes = try await gate.checkIn.checkIn(orderID: order, input: .init(flightId: flight)).boardingPasses
                    for pass in passes {
                        _ = try await gate.checkIn.scan(.init(barcode: pass.barcode, flightId: flight), operator: "gate")
                        boarded += 1
                    }
                }
                try await database.transaction { sql in _ = try await FlightCoupons.recordDeparture(of: flight, at: departsAt, actor: "ops", on: sql) }
            }
            #expect(boarded > 0)

            let clock = MovableClock(Date(timeIntervalSince1970: TimeInterval(end)))
            let poster = LedgerPoster(database: database, rules: PostingRules(), logger: TestDatabases.logger, now: { clock.seconds })
            let ledger = RevenueLedger(database: database, now: { clock.seconds })
            try await LedgerChecks.postAll(poster)
            try await LedgerChecks.books(ledger, database, processor)

            // Fares earned (flown and no-show) and still owed add up to the base fares of every ticket sold, as the
            // booking engine priced them; the revenue report's passenger revenue is the flown coupons' share.
            let trial = try await ledger.trialBalance()
            func balance(_ kind: LedgerAccount.Kind) -> Int64 { trial.accounts.filter { $0.kind == kind.rawValue }.reduce(0) { $0 + $1.balance } }
            let fares = try await database.read { sql in
                try await sql.raw("SELECT CAST(COALESCE(SUM(base_amount), 0) AS BIGINT) AS n FROM order_fares").first()!.decode(column: "n", as: Int64.self)
            }
            #expect(balance(.passengerRevenue) + balance(.noShowRevenue) + balance(.airTrafficLiability) == fares)
            #expect(balance(.passengerRevenue) > 0 && balance(.noShowRevenue) > 0)
            let revenue = try await ledger.revenue(from: FixtureNetwork.firstDay.iso, to: FixtureNetwork.firstDay.adding(days: 2).iso)
            #expect(revenue.rows.filter { $0.kind == "passenger_revenue" }.reduce(0) { $0 + $1.amount } == balance(.passengerRevenue))
            // Taxes due are the taxes of the coupons flown, by the booking engine's count.
            let flownTaxes = try await database.read { sql in
                try await sql.raw("""
                    SELECT CAST(COALESCE(SUM(f.tax_amount), 0) AS BIGINT) AS n FROM order_coupons c JOIN order_fares f
                    ON f.order_id = c.order_id AND f.passenger_position = c.passenger_position AND f.segment_position = c.segment_position
                    WHERE c.status = 'flown'
                    """).first()!.decode(column: "n", as: Int64.self)
            }
            #expect(try await ledger.taxes().taxes.reduce(0) { $0 + $1.due } == flownTaxes)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aReplayedStormsRebookingsAndRefundsBalanceAndReconcile(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            var plan = ReplayPlan(date: StormFixture.day)
            plan.stepMinutes = 15
            plan.bookingsPerFlight = 4
            plan.refundShare = 0.5
            let directory = try StormFixture.writeCSVs()
            defer { try? FileManager.default.removeItem(at: directory) }
            _ = try await NetworkImporter(database: database, dataDirectory: directory, record: HistoryImporter(database: database),
                                          logger: TestDatabases.logger).importReplay(of: plan.daysStored)
            let clock = ReplayClock(at: 0)
            let now: @Sendable () -> Int64 = { clock.now }
            try await WeatherDelayModel.installChampion(in: database, now: StormReplay.instant(StormFixture.day, minutes: 0))
            let processor = TestPaymentProcessor()
            let booking = BookingServices(database: database, secret: BookingFixture.secret, payments: processor, accountingCode: "999",
                                          clock: BookingClock { clock.date }, logger: TestDatabases.logger)
            let prediction = PredictionPlatform(database: database, modelDirectory: nil, schedule: ScheduleDepartureSource(database: database),
                                                logger: TestDatabases.logger, now: now)
            let operations = OperationsPlatform(
                database: database, prediction: prediction, booking: booking, policy: .standard,
                settings: NotificationSettings(publicURL: "https://fly.example", webhookDestinations: .publicOnly), channels: [],
                templates: try MessageTemplates.bundled(), instance: "replay", logger: TestDatabases.logger, now: now)
            let replay = try StormReplay(plan: plan, database: database, booking: booking, operations: operations, clock: clock, logger: TestDatabases.logger)
            _ = try await replay.prepare()
            while !replay.finished { _ = try await replay.step() }
            let summary = try await replay.summary()
            #expect(summary.rebookings > 0 && summary.departed > 0)

            let poster = LedgerPoster(database: database, rules: PostingRules(), logger: TestDatabases.logger, now: now)
            let ledger = RevenueLedger(database: database, now: now)
            try await LedgerChecks.postAll(poster)
            try await LedgerChecks.books(ledger, database, processor)
            let kinds = try await database.read { sql in
                Set(try await sql.raw("SELECT DISTINCT kind FROM ledger_entries").all().map { try $0.decode(column: "kind", as: String.self) })
            }
            #expect(kinds.isSuperset(of: ["ticket_sale", "ticket_exchange", "payment_capture", "coupon_no_show"]), "\(kinds)")
            if summary.bookingsRefunded > 0 { #expect(kinds.contains("ticket_refund") && kinds.contains("payment_refund")) }
            try await prediction.log.flush()
        }
    }
}
