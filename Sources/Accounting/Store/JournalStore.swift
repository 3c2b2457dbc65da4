import SQLKit
import SkyportDomain
import SkyportStore

/// The journal (`ledger_entries`, `ledger_lines`), the balances kept beside it (`ledger_balances`), the documents
/// posted (`ledger_sources`) and the closed months (`accounting_periods`), in the caller's transaction. Entries and
/// lines are only ever inserted.
enum JournalStore {
    /// Records that `source` is being posted; false when it was posted before (a redelivered event).
    static func claim(source: String, topic: String, at now: Int64, on sql: any SQLDatabase) async throws -> Bool {
        !(try await sql.raw("""
            INSERT INTO ledger_sources (source, topic, posted_at) VALUES (\(bind: source), \(bind: topic), \(bind: now))
            ON CONFLICT (source) DO NOTHING RETURNING source
            """).all().isEmpty)
    }

    /// The last closed month; nil when none is.
    static func closedThrough(on sql: any SQLDatabase) async throws -> AccountingPeriod? {
        try await sql.raw("SELECT MAX(period) AS period FROM accounting_periods").first()?
            .decode(column: "period", as: String?.self).flatMap(AccountingPeriod.init)
    }

    /// Every closed month, oldest first.
    static func closedPeriods(on sql: any SQLDatabase) async throws -> [(period: String, closedAt: Int64, closedBy: String)] {
        try await sql.raw("SELECT period, closed_at, closed_by FROM accounting_periods ORDER BY period").all().map {
            (try $0.decode(column: "period", as: String.self), try $0.decode(column: "closed_at", as: Int64.self),
             try $0.decode(column: "closed_by", as: String.self))
        }
    }

    static func close(_ period: AccountingPeriod, by name: String, at now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO accounting_periods (period, closed_at, closed_by) VALUES (\(bind: period.description), \(bind: now), \(bind: name))
            """).run()
    }

    /// Inserts entries and their lines, dated on their day or (in a closed month) the first open day, and adds them to
    /// the balances.
    static func write(_ entries: [JournalEntry], closedThrough: AccountingPeriod?, at now: Int64, on sql: any SQLDatabase) async throws {
        guard !entries.isEmpty else { return }
        var entryRows: [BulkInsert.Row] = [], lineRows: [BulkInsert.Row] = []
        var balances: [BalanceKey: (debit: Int64, credit: Int64)] = [:]
        for entry in entries {
            let date = AccountingPeriod.postingDate(for: AccountingPeriod.day(of: entry.occurredAt), closedThrough: closedThrough)
            let period = AccountingPeriod(containing: date).description
            let dimensions = entry.dimensions
            entryRows.append([entry.id, entry.kind.rawValue, entry.source, entry.currency.code, entry.occurredAt, date.iso, period, entry.memo,
                              dimensions.orderID, dimensions.ticketNumber, dimensions.flightID, dimensions.route, dimensions.cabin,
                              dimensions.flightDate, dimensions.paymentReference, dimensions.miles, entry.reverses, now])
            for line in entry.lines {
                lineRows.append([entry.id, line.account.code, line.account.kind.rawValue, entry.currency.code, line.debit, line.credit, date.iso, period])
                let key = BalanceKey(account: line.account.code, currency: entry.currency.code, period: period)
                let sum = balances[key] ?? (0, 0)
                balances[key] = (sum.debit + line.debit, sum.credit + line.credit)
            }
        }
        try await BulkInsert.insert(into: "ledger_entries", columns: [
            "id", "kind", "source", "currency", "occurred_at", "accounting_date", "period", "memo", "order_id", "ticket_number", "flight_id", "route",
            "cabin", "flight_date", "payment_reference", "miles", "reverses", "posted_at",
        ], rows: entryRows, onConflict: nil, on: sql)
        try await BulkInsert.insert(into: "ledger_lines", columns: [
            "entry_id", "account", "account_kind", "currency", "debit", "credit", "accounting_date", "period",
        ], rows: lineRows, onConflict: nil, on: sql)
        for (key, sum) in balances.sorted(by: { ($0.key.account, $0.key.currency, $0.key.period) < ($1.key.account, $1.key.currency, $1.key.period) }) {
            try await sql.raw("""
                INSERT INTO ledger_balances (account, currency, period, debit, credit)
                VALUES (\(bind: key.account), \(bind: key.currency), \(bind: key.period), \(bind: sum.debit), \(bind: sum.credit))
                ON CONFLICT (account, currency, period) DO UPDATE
                SET debit = ledger_balances.debit + excluded.debit, credit = ledger_balances.credit + excluded.credit
                """).run()
        }
    }

    private struct BalanceKey: Hashable {
        let account: String, currency: String, period: String
    }
}
