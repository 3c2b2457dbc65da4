import Accounting
import Booking
import Foundation
import Logging
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

/// The ledger posted from what the real booking engine sells, changes, cancels and flies, on both engines, checked
/// against SQL written independently over the booking engine's own tables.
@Suite struct LedgerPostingTests {
    static let flight = "20261202-UA100-JFKLAX"
    static let day = LocalDate(year: 2026, month: 12, day: 2)!

    static func buy(_ fixture: BookingFixture, passengers: [PassengerType], brand: String, seats: [(Int, String)] = [],
                    bags: [(Int, Int)] = []) async throws -> OrderView {
        let offers = try await fixture.shopping.search(BookingFixture.search(date: day, passengers: passengers.map(\.rawValue))).offers
        let offer = try #require(offers.first { $0.fareBrand == brand && $0.slices[0].segments[0].flightId == flight })
        var input = BookingFixture.order(offerID: offer.id, passengers: passengers)
        input.seats = seats.map { .init(passengerIndex: $0.0, flightId: flight, designator: $0.1) }
        input.bags = bags.map { .init(passengerIndex: $0.0, flightId: flight, quantity: $0.1) }
        return try await fixture.orders.create(input, idempotencyKey: nil, requestHash: UUID().uuidString).order
    }

    @Test(arguments: TestDatabases.engines)
    func salesChangesCancellationsAndDeparturesKeepTheBooksBalancedAndIdempotent(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let clock = MovableClock(FixtureNetwork.now)
            let poster = LedgerPoster(database: database, rules: PostingRules(), logger: TestDatabases.logger, now: { clock.seconds })
            let ledger = RevenueLedger(database: database, now: { clock.seconds })

            let family = try await Self.buy(fixture, passengers: [.adult, .adult, .infantWithoutSeat], brand: "flex", seats: [(0, "7A")], bags: [(1, 1)])
            _ = try await Self.buy(fixture, passengers: [.adult], brand: "basic", bags: [(0, 2)])
            let cancelled = try await Self.buy(fixture, passengers: [.adult, .child], brand: "standard", seats: [(1, "8C")])
            let changed = try await Self.buy(fixture, passengers: [.adult], brand: "flex", seats: [(0, "9A")])
            try await LedgerChecks.postAll(poster)
            try await LedgerChecks.books(ledger, database, fixture.payments)
            let sold = try await ledger.airTrafficLiability().currencies[0].ledgerBalance
            #expect(sold > 0)

            // A cancellation with the standard fare's penalty, and a voluntary change to the next day.
            let quote = try await fixture.cancellations.quote(orderID: cancelled.id)
            _ = try await fixture.cancellations.confirm(cancellationID: quote.id)
            let offers = try await fixture.voluntaryChanges.offers(OrderChangeRequestInput(
                orderId: changed.id, slices: .init(remove: [.init(flightId: Self.flight)], add: [.init(departureDate: "2026-12-03")]))).orderChangeOffers
            let offer = try #require(offers.first)
            _ = try await fixture.voluntaryChanges.confirm(.init(selectedOrderChangeOffer: offer.id, payment: .init(card: .init(
                number: "4242424242424242", expiryMonth: 12, expiryYear: 2030, cvc: "123", holderName: "Ada Lovelace"))),
                idempotencyKey: nil, requestHash: offer.id, actor: "passenger")
            try await LedgerChecks.postAll(poster)
            try await LedgerChecks.books(ledger, database, fixture.payments)
            let trial = try await ledger.trialBalance()
            #expect(trial.accounts.contains { $0.kind == "penalty_revenue" && $0.balance > 0 })
            #expect(trial.accounts.contains { $0.kind == "taxes_held" && $0.account.hasPrefix("2200-") })

            // The flight leaves: the family's coupons (not boarded) are no-shows, the flown ones earn passenger revenue.
            let departure = Int64(FixtureNetwork.now.timeIntervalSince1970) + 30 * 3600
            try await database.transaction { sql in _ = try await FlightCoupons.recordDeparture(of: Self.flight, at: departure, actor: "ops", on: sql) }
            clock.set(Date(timeIntervalSince1970: TimeInterval(departure)))
            try await LedgerChecks.postAll(poster)
            try await LedgerChecks.books(ledger, database, fixture.payments)
            let afterDeparture = try await ledger.trialBalance()
            #expect(afterDeparture.accounts.contains { $0.kind == "no_show_revenue" && $0.balance > 0 })
            let revenue = try await ledger.revenue(from: "2026-12-01", to: "2026-12-31")
            #expect(revenue.rows.contains { $0.kind == "no_show_revenue" && $0.route == "JFK-LAX" })
            _ = family

            // Posting again from the start changes nothing: every document was recorded as posted.
            let entries = try await database.read { sql in try await sql.count("SELECT COUNT(*) AS n FROM ledger_entries") }
            try await database.transaction { sql in try await sql.raw("UPDATE consumer_cursors SET position = 0 WHERE consumer = 'revenue-accounting'").run() }
            try await LedgerChecks.postAll(poster)
            #expect(try await database.read { sql in try await sql.count("SELECT COUNT(*) AS n FROM ledger_entries") } == entries)

            // The ledger rebuilt from the event history is the one built live.
            try await database.transaction { sql in
                for table in ["ledger_lines", "ledger_entries", "ledger_balances", "ledger_sources", "ledger_coupons", "ledger_services"] {
                    try await sql.raw("DELETE FROM \(unsafeRaw: table)").run()
                }
                try await sql.raw("UPDATE consumer_cursors SET position = 0 WHERE consumer = 'revenue-accounting'").run()
            }
            try await LedgerChecks.postAll(poster)
            #expect(try await ledger.trialBalance() == afterDeparture)

            // The general ledger for the ERP: every line of the month, balanced per day in ERPNext's shape.
            let csv = try await ledger.export(period: "2026-12", format: "csv")
            #expect(csv.body.hasPrefix("entry_id,accounting_date") && csv.body.split(separator: "\r\n").count > 10)
            let erp = try await ledger.export(period: "2026-12", format: "erpnext")
            let documents = try #require(try JSONSerialization.jsonObject(with: Data(erp.body.utf8)) as? [[String: Any]])
            for document in documents {
                #expect(document["doctype"] as? String == "Journal Entry")
                let accounts = try #require(document["accounts"] as? [[String: Any]])
                func cents(_ key: String) -> Int64 {
                    accounts.reduce(0) { $0 + Int64(((($1[key] as? NSNumber)?.doubleValue ?? 0) * 100).rounded()) }
                }
                let debit = cents("debit_in_account_currency"), credit = cents("credit_in_account_currency")
                #expect(debit == credit)
            }
            await #expect(throws: ValidationFailure.self) { _ = try await ledger.export(period: "2026-13", format: "csv") }
            await #expect(throws: ValidationFailure.self) { _ = try await ledger.export(period: "2026-12", format: "xlsx") }

            // A month closes once it has ended and in order; what arrives for it later goes to the next open month.
            await #expect(throws: ServiceError.self) { _ = try await ledger.close("2026-12", by: "finance") }
            clock.set(Date(timeIntervalSince1970: 1_800_000_000))
            _ = try await ledger.close("2026-12", by: "finance")
            await #expect(throws: ServiceError.self) { _ = try await ledger.close("2026-12", by: "finance") }
            _ = try await Self.buy(BookingFixture(database: database), passengers: [.adult], brand: "standard")
            try await LedgerChecks.postAll(poster)
            let december = try await database.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM ledger_entries WHERE period = '2026-12' AND posted_at >= 1800000000").first()!
                    .decode(column: "n", as: Int.self)
            }
            #expect(december == 0)
        }
    }
}
