import Accounting
import Booking
import Foundation
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

/// Two instances over one PostgreSQL database post the same outbox side by side while orders keep arriving: every
/// event is posted once, whichever instance reads it, and the books are the ones a single instance builds.
@Suite struct TwoInstancesPostingTests {
    @Test(.enabled(if: TestDatabases.postgresURL != nil))
    func twoInstancesPostEveryEventOnce() async throws {
        try await TestDatabases.withPostgresInstances(2) { stores in
            try await FixtureNetwork.seed(stores[0])
            let fixture = BookingFixture(database: stores[0])
            let clock = MovableClock(FixtureNetwork.now)
            let posters = stores.map { LedgerPoster(database: $0, rules: PostingRules(), logger: TestDatabases.logger, now: { clock.seconds }) }
            let offers = try await fixture.shopping.search(BookingFixture.search(passengers: ["adult", "adult"])).offers
            #expect(offers.count >= 6)
            // Orders arrive while both instances post, in small batches so that they take turns.
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for offer in offers.prefix(6) {
                        _ = try await fixture.orders.create(BookingFixture.order(offerID: offer.id, passengers: [.adult, .adult]), idempotencyKey: nil,
                                                            requestHash: UUID().uuidString)
                    }
                }
                for poster in posters {
                    group.addTask {
                        for _ in 0..<40 {
                            _ = try await poster.postBatch(limit: 3)
                            try await Task.sleep(for: .milliseconds(5))
                        }
                    }
                }
                try await group.waitForAll()
            }
            clock.advance(by: 10)
            for poster in posters { while try await poster.postBatch() > 0 {} }
            let counts = try await stores[1].read { sql in
                (try await sql.count("SELECT COUNT(*) AS n FROM ledger_sources"),
                 try await sql.count("SELECT COUNT(*) AS n FROM outbox_events WHERE topic <> 'order.created'"),
                 try await sql.count("SELECT COUNT(*) AS n FROM ledger_entries"))
            }
            // Every sales document posted once (order.created is the CDP's, not a sales document).
            #expect(counts.0 == counts.1 && counts.2 == counts.1)
            let ledger = RevenueLedger(database: stores[1], now: { clock.seconds })
            try await LedgerChecks.books(ledger, stores[1], fixture.payments)
        }
    }
}
