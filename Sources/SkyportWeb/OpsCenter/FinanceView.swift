import Accounting
import Foundation
import SkyportDomain

/// The command center's finance page: the books (trial balance and the balances finance watches), the air traffic
/// liability beside its open coupons, revenue earned by day and kind, taxes held and due, the months and their closes,
/// the reconciliation with the payment processor, and the general-ledger exports. Every figure carries
/// `data-figure="<name>"` and its minor units in `data-minor`, so that a test reads what the page says.
struct FinanceView {
    let trial: TrialBalance
    let liability: LiabilityReport
    let revenue: RevenueReport
    let taxes: TaxReport
    let periods: [PeriodStatus]
    /// One per processor that gives a settlement report: the card processor's first, then the loyalty programme's miles.
    let reconciliations: [ReconciliationReport]
    /// The form's answer to a close just tried.
    let notice: String?
    let csrf: String

    static func figure(_ name: String, _ minor: Int64, _ currency: String) -> String {
        #"<span data-figure="\#(HTML.escape(name))" data-minor="\#(minor)">\#(OpsFormat.money(minor, currency))</span>"#
    }

    var sections: [(id: String, html: String)] {
        [("books", books), ("liability", liabilitySection), ("revenue", revenueSection), ("taxes", taxSection), ("periods", periodSection),
         ("reconciliation", reconciliationSection)]
    }

    var books: String {
        let watched: [LedgerAccount.Kind] = [.cashClearing, .salesReceivable, .airTrafficLiability, .taxesHeld, .taxesDue, .refundsPayable,
                                             .unearnedAncillaries, .loyaltyDeferred]
        let totals = trial.totals.map { total in
            """
            <tr><th>\(total.currency)</th><td>\(Self.figure("debits-\(total.currency)", total.debit, total.currency))</td>\
            <td>\(Self.figure("credits-\(total.currency)", total.credit, total.currency))</td>\
            <td><span class="badge \(total.balanced ? "ready" : "not_ready")" data-figure="balanced-\(total.currency)">\(total.balanced ? "balanced" : "unbalanced")</span></td></tr>
            """
        }.joined()
        let rows = trial.accounts.map { account in
            """
            <tr\(watched.map(\.rawValue).contains(account.kind) ? "" : #" class="muted""#)><th>\(HTML.escape(account.account))</th><td>\(HTML.escape(account.title))</td>\
            <td>\(account.nature)</td><td>\(Self.figure("account-\(account.account)-\(account.currency)", account.balance, account.currency))</td></tr>
            """
        }.joined()
        return """
            <h2>Trial balance</h2><table><thead><tr><th>Currency</th><th>Debits</th><th>Credits</th><th></th></tr></thead>\
            <tbody>\(totals.isEmpty ? #"<tr><td colspan="4" class="muted">Nothing posted yet.</td></tr>"# : totals)</tbody></table>\
            <table><thead><tr><th>Account</th><th>Name</th><th>Nature</th><th>Balance</th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    var liabilitySection: String {
        let rows = liability.currencies.map { row in
            """
            <tr><th>\(row.currency)</th><td>\(Self.figure("atl-ledger-\(row.currency)", row.ledgerBalance, row.currency))</td>\
            <td>\(Self.figure("atl-coupons-\(row.currency)", row.openCouponValue, row.currency))</td>\
            <td><span data-figure="atl-open-coupons-\(row.currency)">\(OpsFormat.count(row.openCoupons))</span></td>\
            <td class="\(row.difference == 0 ? "ok" : "bad")">\(Self.figure("atl-difference-\(row.currency)", row.difference, row.currency))</td>\
            <td>\(Self.figure("taxes-held-\(row.currency)", row.taxesHeld, row.currency))</td>\
            <td>\(Self.figure("unearned-ancillaries-\(row.currency)", row.unearnedAncillaries, row.currency))</td>\
            <td>\(Self.figure("loyalty-deferred-\(row.currency)", row.loyaltyDeferred, row.currency)) \
            <span class="muted">for <span data-figure="miles-outstanding-\(row.currency)">\(OpsFormat.count(row.milesOutstanding))</span> miles</span></td></tr>
            """
        }.joined()
        return """
            <h2>Air traffic liability</h2><table><thead><tr><th>Currency</th><th>In the ledger</th><th>Open coupons' value</th><th>Open coupons</th>\
            <th>Difference</th><th>Taxes held</th><th>Unearned ancillaries</th><th>Loyalty deferred</th></tr></thead>\
            <tbody>\(rows.isEmpty ? #"<tr><td colspan="8" class="muted">No ticket sold yet.</td></tr>"# : rows)</tbody></table>\
            <p class="muted">Coupon by coupon: <code>GET /v1/accounting/air-traffic-liability/coupons</code>.</p>
            """
    }

    var revenueSection: String {
        var byDay: [String: [String: Int64]] = [:]
        var byKind: [String: Int64] = [:]
        for row in revenue.rows {
            byDay["\(row.date) \(row.currency)", default: [:]][row.kind, default: 0] += row.amount
            byKind["\(row.kind) \(row.currency)", default: 0] += row.amount
        }
        let kinds = Set(revenue.rows.map(\.kind)).sorted()
        let header = kinds.map { "<th>\(HTML.escape(LedgerAccount.Kind(rawValue: $0)?.title ?? $0))</th>" }.joined()
        let rows = byDay.keys.sorted().reversed().map { key in
            let parts = key.split(separator: " "), currency = String(parts[1])
            return "<tr><th>\(parts[0]) <span class=\"muted\">\(currency)</span></th>"
                + kinds.map { "<td>\(OpsFormat.money(byDay[key]?[$0] ?? 0, currency))</td>" }.joined() + "</tr>"
        }.joined()
        let totals = byKind.keys.sorted().map { key in
            let parts = key.split(separator: " "), kind = String(parts[0]), currency = String(parts[1])
            return "<tr><th>\(HTML.escape(LedgerAccount.Kind(rawValue: kind)?.title ?? kind))</th><td>\(Self.figure("earned-\(kind)-\(currency)", byKind[key]!, currency))</td></tr>"
        }.joined()
        // Fares by route and cabin (passenger and no-show revenue: what flights earned).
        var byRoute: [String: Int64] = [:]
        for row in revenue.rows where row.route != nil && (row.kind == LedgerAccount.Kind.passengerRevenue.rawValue || row.kind == LedgerAccount.Kind.noShowRevenue.rawValue) {
            byRoute["\(row.route ?? "") \(row.cabin ?? "") \(row.currency)", default: 0] += row.amount
        }
        let routes = byRoute.sorted { $0.value > $1.value }.prefix(20).map { key, amount in
            let parts = key.split(separator: " ").map(String.init)
            return "<tr><th>\(HTML.escape(parts[0]))</th><td>\(HTML.escape(parts[1]))</td><td>\(Self.figure("route-\(parts[0])-\(parts[1])-\(parts[2])", amount, parts[2]))</td></tr>"
        }.joined()
        return """
            <h2>Revenue earned <span class="muted">\(revenue.from) to \(revenue.to)</span></h2>\
            <table><tbody>\(totals.isEmpty ? #"<tr><td class="muted">Nothing earned in these days.</td></tr>"# : totals)</tbody></table>\
            \(rows.isEmpty ? "" : "<table><thead><tr><th>Day</th>\(header)</tr></thead><tbody>\(rows)</tbody></table>")\
            \(routes.isEmpty ? "" : "<h3>Fares earned by route and cabin</h3><table><thead><tr><th>Route</th><th>Cabin</th><th>Earned</th></tr></thead><tbody>\(routes)</tbody></table>")
            """
    }

    var taxSection: String {
        let rows = taxes.taxes.map { tax in
            """
            <tr><th>\(HTML.escape(tax.code))</th><td>\(Self.figure("tax-held-\(tax.code)-\(tax.currency)", tax.held, tax.currency))</td>\
            <td>\(Self.figure("tax-due-\(tax.code)-\(tax.currency)", tax.due, tax.currency))</td></tr>
            """
        }.joined()
        return """
            <h2>Taxes</h2><table><thead><tr><th>Code</th><th>Held on unflown coupons</th><th>Due to governments</th></tr></thead>\
            <tbody>\(rows.isEmpty ? #"<tr><td colspan="3" class="muted">No tax collected yet.</td></tr>"# : rows)</tbody></table>
            """
    }

    var periodSection: String {
        let rows = periods.reversed().map { period in
            let exports = """
                <a href="/ops/finance/general-ledger?period=\(period.period)&amp;format=csv">CSV</a> · \
                <a href="/ops/finance/general-ledger?period=\(period.period)&amp;format=erpnext">ERPNext</a>
                """
            let state = period.closed
                ? "closed \(period.closedAt.map(OpsFormat.time) ?? "") by \(HTML.escape(period.closedBy ?? ""))"
                : "open"
            return "<tr><th>\(period.period)</th><td>\(state)</td><td>\(exports)</td></tr>"
        }.joined()
        let lastClosed = periods.filter(\.closed).map(\.period).max()
        let next = lastClosed.flatMap(AccountingPeriod.init)?.next.description ?? periods.first { !$0.closed }.flatMap { AccountingPeriod($0.period) }
            .map(\.previous.description) ?? ""
        return """
            <h2>Months</h2>\(notice.map { #"<p class="notice" role="status">\#(HTML.escape($0))</p>"# } ?? "")\
            <table><thead><tr><th>Month</th><th>State</th><th>General ledger</th></tr></thead><tbody>\(rows)</tbody></table>\
            <form method="post" action="/ops/finance/close" class="inline"><input type="hidden" name="_csrf" value="\(HTML.escape(csrf))">\
            <label for="period">Close the month</label> <input id="period" name="period" value="\(next)" pattern="[0-9]{4}-[0-9]{2}" required> \
            <button type="submit">Close</button></form>\
            <p class="muted">A month closes once it has ended, after the one before it, and when every event of it is posted; what arrives for it \
            later is posted on the first day of the next open month.</p>
            """
    }

    var reconciliationSection: String {
        guard !reconciliations.isEmpty else {
            return #"<h2>Reconciliation</h2><p class="muted">The payment processor gives no settlement report here.</p>"#
        }
        // The first processor's figures keep their plain names; the others' are prefixed with the processor's name.
        return reconciliations.enumerated().map { index, reconciliation in
            Self.reconciliationTable(reconciliation, prefix: index == 0 ? "" : reconciliation.processor + "-")
        }.joined()
    }

    static func reconciliationTable(_ reconciliation: ReconciliationReport, prefix: String) -> String {
        let differences = reconciliation.differences.prefix(50).map { difference in
            """
            <tr><th>\(HTML.escape(difference.reference))</th><td>\(difference.problem.rawValue)</td><td>\(difference.kind)</td>\
            <td>\(difference.ledgerAmount.map { OpsFormat.money($0, difference.currency) } ?? "–")</td>\
            <td>\(difference.processorAmount.map { OpsFormat.money($0, difference.currency) } ?? "–")</td></tr>
            """
        }.joined()
        let currency = reconciliation.cashClearing.keys.sorted().first ?? "USD"
        return """
            <h2>Reconciliation with \(HTML.escape(reconciliation.processor))</h2><table><tbody>\
            <tr><th>Captures</th><td>ledger \(figure(prefix + "ledger-captures", reconciliation.ledgerCaptures, currency))</td>\
            <td>processor \(figure(prefix + "processor-captures", reconciliation.processorCaptures, currency))</td></tr>\
            <tr><th>Refunds</th><td>ledger \(figure(prefix + "ledger-refunds", reconciliation.ledgerRefunds, currency))</td>\
            <td>processor \(figure(prefix + "processor-refunds", reconciliation.processorRefunds, currency))</td></tr></tbody></table>\
            <p data-figure="\(prefix)reconciliation-differences" data-count="\(reconciliation.differences.count)" class="\(reconciliation.reconciled ? "ok" : "bad")">\
            \(reconciliation.reconciled ? "Every capture and refund matches." : "\(reconciliation.differences.count) differences.")</p>\
            \(differences.isEmpty ? "" : "<table><thead><tr><th>Reference</th><th>Problem</th><th>Kind</th><th>Ledger</th><th>Processor</th></tr></thead><tbody>\(differences)</tbody></table>")
            """
    }
}
