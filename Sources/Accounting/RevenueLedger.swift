import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// Revenue accounting's API: the reports finance reads (trial balance, air traffic liability with its coupons, revenue,
/// taxes), period closes, the general-ledger exports and the reconciliation with the payment processor. Postings are
/// `LedgerPoster`'s.
public struct RevenueLedger: Sendable {
    let database: any Database
    /// The company and its abbreviation as the ERP names accounts (`2100 - Air traffic liability - SKY`).
    let company: String
    let companyAbbreviation: String
    /// Seconds since 1970.
    let now: @Sendable () -> Int64

    public init(database: any Database, company: String = "Skyport Airline", companyAbbreviation: String = "SKY",
                now: @escaping @Sendable () -> Int64) {
        self.database = database
        self.company = company
        self.companyAbbreviation = companyAbbreviation
        self.now = now
    }

    // MARK: - Reports

    /// Every account's debits and credits through `period` (all when nil).
    public func trialBalance(through period: String? = nil) async throws -> TrialBalance {
        let through = try period.map { try Self.period($0, field: "period") }
        let rows = try await database.read { sql in try await ReportStore.balances(through: through, on: sql) }
        let accounts = rows.compactMap { row -> AccountBalance? in
            guard let account = LedgerAccount(code: row.account) else { return nil }
            let nature = account.kind.nature
            return AccountBalance(account: row.account, title: account.title, kind: account.kind.rawValue, nature: nature.rawValue, currency: row.currency,
                                  debit: row.debit, credit: row.credit, balance: nature.growsByDebit ? row.debit - row.credit : row.credit - row.debit)
        }
        let totals = Dictionary(grouping: rows, by: \.currency).sorted { $0.key < $1.key }.map { currency, rows in
            let debit = rows.reduce(0) { $0 + $1.debit }, credit = rows.reduce(0) { $0 + $1.credit }
            return TrialBalance.Total(currency: currency, debit: debit, credit: credit, balanced: debit == credit)
        }
        return TrialBalance(through: through?.description, accounts: accounts, totals: totals)
    }

    /// The air traffic liability per currency beside the open coupons it must equal.
    public func airTrafficLiability() async throws -> LiabilityReport {
        let (balances, coupons, miles) = try await database.read { sql in
            (try await ReportStore.balances(through: nil, on: sql), try await ReportStore.openCoupons(on: sql), try await ReportStore.milesOutstanding(on: sql))
        }
        func credit(_ kind: LedgerAccount.Kind, _ currency: String) -> Int64 {
            balances.filter { $0.currency == currency && LedgerAccount(code: $0.account)?.kind == kind }.reduce(0) { $0 + $1.credit - $1.debit }
        }
        let currencies = Set(balances.map(\.currency)).union(coupons.keys).sorted()
        return LiabilityReport(currencies: currencies.map { currency in
            let ledger = credit(.airTrafficLiability, currency), open = coupons[currency] ?? (0, 0)
            return .init(currency: currency, ledgerBalance: ledger, openCouponValue: open.value, openCoupons: open.count, difference: ledger - open.value,
                         taxesHeld: credit(.taxesHeld, currency), unearnedAncillaries: credit(.unearnedAncillaries, currency),
                         loyaltyDeferred: credit(.loyaltyDeferred, currency), milesOutstanding: miles[currency] ?? 0)
        })
    }

    /// Open coupons by ticket, `limit` (1 to 1,000) after the ticket number `after`.
    public func openCoupons(after: String?, limit: Int) async throws -> [OpenCoupon] {
        guard (1...1_000).contains(limit) else {
            throw ValidationFailure([.init(code: .invalidLimit, field: "limit", message: "A page holds 1 to 1,000 coupons.")])
        }
        return try await database.read { sql in try await ReportStore.openCouponPage(after: after, limit: limit, on: sql) }.map { row in
            OpenCoupon(ticketNumber: row.ticket_number, couponNumber: row.coupon_number, orderId: row.order_id, flightId: row.flight_id,
                       route: "\(row.origin)-\(row.destination)", flightDate: row.flight_date, cabin: row.cabin, bookingClass: row.booking_class,
                       distanceMiles: row.distance_miles, currency: row.currency, value: row.value,
                       taxes: TaxAmount.list(row.taxes).reduce(0) { $0 + $1.amount }, validUntil: row.valid_until)
        }
    }

    /// Revenue earned between two days (`YYYY-MM-DD`, inclusive, at most 366 days), by day, route, cabin and kind.
    public func revenue(from: String, to: String) async throws -> RevenueReport {
        guard let start = LocalDate(iso: from) else {
            throw ValidationFailure([.init(code: .invalidDate, field: "from", message: "Give the first day as YYYY-MM-DD.")])
        }
        guard let end = LocalDate(iso: to), end >= start, end.daysSinceEpoch - start.daysSinceEpoch <= 366 else {
            throw ValidationFailure([.init(code: .invalidDate, field: "to", message: "Give the last day as YYYY-MM-DD, on or after `from` and within 366 days of it.")])
        }
        let rows = try await database.read { sql in try await ReportStore.revenue(from: start, to: end, on: sql) }
        return RevenueReport(from: start.iso, to: end.iso, rows: rows)
    }

    /// Taxes held and due per code.
    public func taxes() async throws -> TaxReport {
        let balances = try await database.read { sql in try await ReportStore.balances(through: nil, on: sql) }
        var rows: [String: (held: Int64, due: Int64)] = [:]
        for balance in balances {
            guard let account = LedgerAccount(code: balance.account), account.kind == .taxesHeld || account.kind == .taxesDue else { continue }
            let key = "\(account.detail)|\(balance.currency)", amount = balance.credit - balance.debit
            var row = rows[key] ?? (0, 0)
            if account.kind == .taxesHeld { row.held += amount } else { row.due += amount }
            rows[key] = row
        }
        return TaxReport(taxes: rows.sorted { $0.key < $1.key }.map { key, row in
            let parts = key.split(separator: "|")
            return .init(code: String(parts[0]), currency: String(parts[1]), held: row.held, due: row.due)
        })
    }

    // MARK: - Periods

    /// The closed months and the current one.
    public func periods() async throws -> [PeriodStatus] {
        let closed = try await database.read { sql in try await JournalStore.closedPeriods(on: sql) }
        let current = AccountingPeriod(containing: AccountingPeriod.day(of: now())).description
        return closed.map { PeriodStatus(period: $0.period, closed: true, closedAt: $0.closedAt, closedBy: $0.closedBy) }
            + (closed.contains { $0.period == current } ? [] : [PeriodStatus(period: current, closed: false, closedAt: nil, closedBy: nil)])
    }

    /// Closes a month that has ended, once every earlier month is closed and every event of the month is posted: its
    /// entries are never written again, and anything that happened in it and arrives later is posted on the first day of
    /// the next open month.
    public func close(_ text: String, by name: String) async throws -> PeriodStatus {
        let period = try Self.period(text, field: "period")
        let now = now()
        let endInstant = Int64(period.end.daysSinceEpoch) * 86_400
        guard endInstant <= now else {
            throw ServiceError(.conflict, code: .periodNotEnded, message: "\(period) has not ended yet.", field: "period")
        }
        return try await database.transaction { sql in
            let closedThrough = try await JournalStore.closedThrough(on: sql)
            if let closedThrough, period <= closedThrough {
                throw ServiceError(.conflict, code: .periodAlreadyClosed, message: "\(period) is closed already.", field: "period")
            }
            if let closedThrough, closedThrough.next != period {
                throw ServiceError(.conflict, code: .earlierPeriodOpen, message: "Close \(closedThrough.next) first: months close in order.", field: "period")
            }
            if closedThrough == nil, let earliest = try await sql.raw("SELECT MIN(period) AS period FROM ledger_entries").first()?
                .decode(column: "period", as: String?.self).flatMap(AccountingPeriod.init), earliest < period {
                throw ServiceError(.conflict, code: .earlierPeriodOpen, message: "Close \(earliest) first: months close in order.", field: "period")
            }
            let behind = try await Outbox.backlog(of: LedgerPoster.consumer, writtenBefore: endInstant, on: sql)
            guard behind == 0 else {
                throw ServiceError(.conflict, code: .ledgerBehind, message: "\(behind) events of \(period) are not posted yet; try again in a moment.")
            }
            try await JournalStore.close(period, by: name, at: now, on: sql)
            return PeriodStatus(period: period.description, closed: true, closedAt: now, closedBy: name)
        }
    }

    // MARK: - Exports

    /// The export formats of the general ledger.
    public enum ExportFormat: String, Sendable, CaseIterable {
        /// One row per journal line.
        case csv
        /// ERPNext's Journal Entry documents, one per day and currency with a line per account.
        case erpnext
    }

    /// A month's general ledger in `format`: the body and its content type.
    public func export(period text: String, format name: String) async throws -> (body: String, contentType: String) {
        let period = try Self.period(text, field: "period")
        guard let format = ExportFormat(rawValue: name) else {
            throw ValidationFailure([.init(code: .invalidExportFormat, field: "format", message: "The format is csv or erpnext.")])
        }
        let lines = try await database.read { sql in try await ReportStore.lines(in: period, on: sql) }
        switch format {
        case .csv: return (GeneralLedgerExport.csv(lines), "text/csv; charset=utf-8")
        case .erpnext:
            return (try GeneralLedgerExport.erpnext(lines, company: company, abbreviation: companyAbbreviation), "application/json")
        }
    }

    // MARK: - Reconciliation

    /// The ledger's captures and refunds of `report`'s processor against the processor's own list.
    public func reconcile(with report: any SettlementReport) async throws -> ReconciliationReport {
        let (recorded, balances) = try await database.read { sql in
            (try await ReportStore.payments(on: sql), try await ReportStore.balances(through: nil, on: sql))
        }
        let payments = recorded.filter { $0.processor == report.processorName }
        let ledger = payments.map {
            ProcessorTransaction(reference: $0.reference, kind: $0.kind == JournalEntry.Kind.paymentRefund.rawValue ? .refund : .capture,
                                 amount: $0.amount, currency: $0.currency, occurredAt: 0)
        }
        let cash = LedgerAccount.cashClearing(report.processorName).code
        var clearing: [String: Int64] = [:]
        for balance in balances where balance.account == cash { clearing[balance.currency, default: 0] += balance.debit - balance.credit }
        return ReconciliationReport.compare(processor: report.processorName, ledger: ledger, report: try await report.transactions(), cashClearing: clearing)
    }

    static func period(_ text: String, field: String) throws -> AccountingPeriod {
        guard let period = AccountingPeriod(text) else {
            throw ValidationFailure([.init(code: .invalidPeriod, field: field, message: "A period is a month, YYYY-MM.")])
        }
        return period
    }
}
