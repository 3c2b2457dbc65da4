import SQLKit
import SkyportDomain
import SkyportStore

/// The ledger's figures the command center shows beside the booking engine's (Accounting's API, read in the caller's
/// read).
public enum AccountingFiguresStore {
    /// Revenue earned (credits less debits of every revenue account) by entries of events since `since`, per currency,
    /// minor units: fares of coupons flown, no-shows, ancillaries delivered, fees, penalties, breakage.
    public static func earned(since: Int64, on sql: any SQLDatabase) async throws -> [String: Int64] {
        let kinds = LedgerAccount.Kind.allCases.filter { $0.nature == .revenue }.map(\.rawValue)
        var earned: [String: Int64] = [:]
        for row in try await sql.raw("""
            SELECT l.currency, CAST(SUM(l.credit - l.debit) AS BIGINT) AS amount FROM ledger_entries e JOIN ledger_lines l ON l.entry_id = e.id
            WHERE e.occurred_at >= \(bind: since) AND l.account_kind IN (\(binds: kinds)) GROUP BY l.currency
            """).all() {
            earned[try row.decode(column: "currency", as: String.self)] = try row.decode(column: "amount", as: Int64.self)
        }
        return earned
    }
}
