import SQLKit
import SkyportDomain
import SkyportStore

/// The reports' reads of the journal, balances and coupons.
enum ReportStore {
    /// Debits and credits per account and currency, through `period` (everything when nil).
    static func balances(through period: AccountingPeriod?, on sql: any SQLDatabase) async throws -> [(account: String, currency: String, debit: Int64, credit: Int64)] {
        let filter: SQLQueryString = period.map { "WHERE period <= \(bind: $0.description)" } ?? ""
        return try await sql.raw("""
            SELECT account, currency, CAST(SUM(debit) AS BIGINT) AS debit, CAST(SUM(credit) AS BIGINT) AS credit
            FROM ledger_balances \(filter) GROUP BY account, currency ORDER BY account, currency
            """).all().map {
                (try $0.decode(column: "account", as: String.self), try $0.decode(column: "currency", as: String.self),
                 try $0.decode(column: "debit", as: Int64.self), try $0.decode(column: "credit", as: Int64.self))
            }
    }

    /// Open coupons' count and value per currency.
    static func openCoupons(on sql: any SQLDatabase) async throws -> [String: (count: Int, value: Int64)] {
        var sums: [String: (Int, Int64)] = [:]
        for row in try await sql.raw("""
            SELECT currency, COUNT(*) AS n, CAST(COALESCE(SUM(value), 0) AS BIGINT) AS value FROM ledger_coupons WHERE status = 'open' GROUP BY currency
            """).all() {
            sums[try row.decode(column: "currency", as: String.self)] = (try row.decode(column: "n", as: Int.self), try row.decode(column: "value", as: Int64.self))
        }
        return sums
    }

    /// Miles issued less miles expired or redeemed, per currency of the value deferred for them.
    static func milesOutstanding(on sql: any SQLDatabase) async throws -> [String: Int] {
        var miles: [String: Int] = [:]
        for row in try await sql.raw("""
            SELECT currency, CAST(COALESCE(SUM(CASE WHEN kind IN ('miles_issued', 'miles_returned') THEN miles ELSE -miles END), 0) AS BIGINT) AS miles FROM ledger_entries
            WHERE kind IN ('miles_issued', 'miles_expired', 'miles_redeemed', 'miles_returned') GROUP BY currency
            """).all() {
            miles[try row.decode(column: "currency", as: String.self)] = Int(try row.decode(column: "miles", as: Int64.self))
        }
        return miles
    }

    /// A page of open coupons, by ticket and coupon, after `after` (a ticket number).
    static func openCouponPage(after: String?, limit: Int, on sql: any SQLDatabase) async throws -> [LedgerCouponRow] {
        try await sql.raw("""
            SELECT \(unsafeRaw: LedgerCouponStore.columns) FROM ledger_coupons WHERE status = 'open' AND ticket_number > \(bind: after ?? "")
            ORDER BY ticket_number, segment_position LIMIT \(bind: limit)
            """).all(decoding: LedgerCouponRow.self)
    }

    /// Revenue accounts' credits less debits per day, route, cabin, account kind and currency, between two days (inclusive).
    static func revenue(from: LocalDate, to: LocalDate, on sql: any SQLDatabase) async throws -> [RevenueReport.Row] {
        let kinds = LedgerAccount.Kind.allCases.filter { $0.nature == .revenue }.map(\.rawValue)
        return try await sql.raw("""
            SELECT l.accounting_date, e.route, e.cabin, l.account_kind, l.currency, CAST(SUM(l.credit - l.debit) AS BIGINT) AS amount
            FROM ledger_lines l JOIN ledger_entries e ON e.id = l.entry_id
            WHERE l.account_kind IN (\(binds: kinds)) AND l.accounting_date >= \(bind: from.iso) AND l.accounting_date <= \(bind: to.iso)
            GROUP BY l.accounting_date, e.route, e.cabin, l.account_kind, l.currency
            ORDER BY l.accounting_date, e.route, e.cabin, l.account_kind, l.currency
            """).all().map {
                RevenueReport.Row(date: try $0.decode(column: "accounting_date", as: String.self), route: try $0.decode(column: "route", as: String?.self),
                                  cabin: try $0.decode(column: "cabin", as: String?.self), kind: try $0.decode(column: "account_kind", as: String.self),
                                  currency: try $0.decode(column: "currency", as: String.self), amount: try $0.decode(column: "amount", as: Int64.self))
            }
    }

    /// The payment entries: each capture and refund with its processor reference.
    static func payments(on sql: any SQLDatabase) async throws -> [(reference: String, kind: String, processor: String, amount: Int64, currency: String)] {
        try await sql.raw("""
            SELECT e.payment_reference, e.kind, l.account, l.debit, l.credit, e.currency FROM ledger_entries e
            JOIN ledger_lines l ON l.entry_id = e.id AND l.account_kind = 'cash_clearing'
            WHERE e.kind IN ('payment_capture', 'payment_refund') ORDER BY e.payment_reference
            """).all().map { row in
                let account = try row.decode(column: "account", as: String.self)
                return (try row.decode(column: "payment_reference", as: String?.self) ?? "", try row.decode(column: "kind", as: String.self),
                        LedgerAccount(code: account)?.detail ?? account,
                        try row.decode(column: "debit", as: Int64.self) + row.decode(column: "credit", as: Int64.self),
                        try row.decode(column: "currency", as: String.self))
            }
    }

    /// The lines of a period's entries, by day and entry, for the exports.
    static func lines(in period: AccountingPeriod, on sql: any SQLDatabase) async throws -> [ExportLine] {
        try await sql.raw("""
            SELECT e.id, e.accounting_date, e.kind, e.memo, e.order_id, e.ticket_number, e.flight_id, e.payment_reference,
                   l.account, l.currency, l.debit, l.credit
            FROM ledger_entries e JOIN ledger_lines l ON l.entry_id = e.id
            WHERE e.period = \(bind: period.description) ORDER BY e.accounting_date, e.posted_at, e.id, l.account
            """).all(decoding: ExportLine.self)
    }

}

/// One line of the general-ledger export.
struct ExportLine: Decodable, Sendable {
    let id: String, accounting_date: String, kind: String, memo: String, order_id: String?, ticket_number: String?, flight_id: String?
    let payment_reference: String?, account: String, currency: String, debit: Int64, credit: Int64
}
