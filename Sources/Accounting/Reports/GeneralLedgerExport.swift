import Foundation
import SkyportDomain

/// The general ledger as an ERP imports it.
enum GeneralLedgerExport {
    static let csvHeader = "entry_id,accounting_date,kind,account,account_title,currency,debit,credit,memo,order_id,ticket_number,flight_id,payment_reference"

    /// One row per journal line, amounts in major units with the currency's digits.
    static func csv(_ lines: [ExportLine]) -> String {
        var out = csvHeader + "\r\n"
        for line in lines {
            let currency = CurrencyCode(line.currency) ?? .usd
            let title = LedgerAccount(code: line.account)?.title ?? line.account
            let fields = [line.id, line.accounting_date, line.kind, line.account, title, line.currency,
                          Money(minorUnits: line.debit, currency: currency).decimalString, Money(minorUnits: line.credit, currency: currency).decimalString,
                          line.memo, line.order_id ?? "", line.ticket_number ?? "", line.flight_id ?? "", line.payment_reference ?? ""]
            out += fields.map(escape).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// RFC 4180 quoting, and a leading `=`, `+`, `-` or `@` neutralized so a spreadsheet does not run it as a formula.
    static func escape(_ field: String) -> String {
        var value = field
        if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// ERPNext's `Journal Entry` documents: one per accounting day and currency, a line per account with its debits and
    /// credits in the account's currency, accounts named as ERPNext names them (`2100 - Air traffic liability - SKY`).
    static func erpnext(_ lines: [ExportLine], company: String, abbreviation: String) throws -> String {
        struct Account: Encodable {
            let account: String
            let account_currency: String
            let debit_in_account_currency: Decimal
            let credit_in_account_currency: Decimal
        }
        struct Entry: Encodable {
            let doctype = "Journal Entry"
            let voucher_type = "Journal Entry"
            let company: String
            let posting_date: String
            let multi_currency: Int
            let user_remark: String
            let accounts: [Account]
        }
        var entries: [Entry] = []
        let days = Dictionary(grouping: lines) { "\($0.accounting_date)|\($0.currency)" }
        for key in days.keys.sorted() {
            let group = days[key]!
            let currency = CurrencyCode(group[0].currency) ?? .usd
            var sums: [String: (Int64, Int64)] = [:]
            for line in group {
                let sum = sums[line.account] ?? (0, 0)
                sums[line.account] = (sum.0 + line.debit, sum.1 + line.credit)
            }
            let accounts = sums.sorted { $0.key < $1.key }.map { code, sum in
                let account = LedgerAccount(code: code)
                return Account(account: "\(code) - \(account?.title ?? code) - \(abbreviation)", account_currency: currency.code,
                               debit_in_account_currency: decimal(sum.0, currency), credit_in_account_currency: decimal(sum.1, currency))
            }
            entries.append(Entry(company: company, posting_date: group[0].accounting_date, multi_currency: currency == .usd ? 0 : 1,
                                 user_remark: "Skyport revenue accounting, \(group.count) lines of \(Set(group.map(\.id)).count) entries",
                                 accounts: accounts))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return String(decoding: try encoder.encode(entries), as: UTF8.self)
    }

    static func decimal(_ minor: Int64, _ currency: CurrencyCode) -> Decimal {
        Decimal(string: Money(minorUnits: minor, currency: currency).decimalString) ?? 0
    }
}
