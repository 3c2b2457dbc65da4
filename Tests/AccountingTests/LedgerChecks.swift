import Accounting
import Booking
import Foundation
import SQLKit
import SkyportApp
import SkyportDomain
import SkyportStore
import Testing

/// What every ledger test checks after posting, against SQL written over the booking engine's own tables.
enum LedgerChecks {
    static func postAll(_ poster: LedgerPoster) async throws {
        while try await poster.postBatch(limit: 200) > 0 {}
    }

    /// The books balance, the liability is the open coupons' value, nothing is left owed between a sale and its capture,
    /// the coupons and taxes are those the booking engine holds open, the cash is what its payments say, and the
    /// processor's report has every capture and refund the ledger has (`processors`: the processors the orders were paid with).
    static func books(_ ledger: RevenueLedger, _ database: any Database, _ processors: TestPaymentProcessor...) async throws {
        let trial = try await ledger.trialBalance()
        #expect(trial.balanced && !trial.accounts.isEmpty)
        func balance(_ kind: LedgerAccount.Kind) -> Int64 { trial.accounts.filter { $0.kind == kind.rawValue }.reduce(0) { $0 + $1.balance } }
        #expect(balance(.salesReceivable) == 0 && balance(.refundsPayable) == 0)
        let liability = try #require(try await ledger.airTrafficLiability().currencies.first)
        #expect(liability.difference == 0)
        let booking = try await database.read { sql in
            // The booking engine's coupons not yet flown, refunded or exchanged, and the taxes on them and on no-shows.
            let open = try await sql.raw("SELECT COUNT(*) AS n FROM order_coupons WHERE status IN ('open', 'checked_in', 'boarded')").first()!
                .decode(column: "n", as: Int.self)
            let taxes = try await sql.raw("""
                SELECT CAST(COALESCE(SUM(f.tax_amount), 0) AS BIGINT) AS n FROM order_coupons c JOIN order_fares f
                ON f.order_id = c.order_id AND f.passenger_position = c.passenger_position AND f.segment_position = c.segment_position
                WHERE c.status IN ('open', 'checked_in', 'boarded', 'no_show')
                """).first()!.decode(column: "n", as: Int64.self)
            let cash = try await sql.raw("SELECT CAST(COALESCE(SUM(CASE kind WHEN 'capture' THEN amount ELSE -amount END), 0) AS BIGINT) AS n FROM payments")
                .first()!.decode(column: "n", as: Int64.self)
            return (open, taxes, cash)
        }
        #expect(liability.openCoupons == booking.0)
        #expect(liability.taxesHeld == booking.1)
        #expect(balance(.cashClearing) == booking.2)
        var merged: [ProcessorTransaction] = []
        for processor in processors { merged += try await TestProcessorSettlements(processor: processor).transactions() }
        let reconciliation = try await ledger.reconcile(with: Merged(list: merged))
        #expect(reconciliation.reconciled, "\(reconciliation.differences.prefix(5))")
    }

    /// Several test processors' reports as one (the purchases and the rebookings of a replay pay through two).
    struct Merged: SettlementReport {
        let list: [ProcessorTransaction]
        var processorName: String { "test" }
        func transactions() async throws -> [ProcessorTransaction] { list }
    }
}
