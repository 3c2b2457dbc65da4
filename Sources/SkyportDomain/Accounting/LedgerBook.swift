/// A ledger kept in memory with the posting rules: the coupons, services, balances and entries that the documents
/// given to it make. The database-backed ledger applies the same rules; this one is what the property tests drive
/// with long random sequences, and what a rebuild is compared against.
public struct LedgerBook: Sendable {
    public let rules: PostingRules
    public private(set) var coupons: [SalesDocument.CouponKey: AccountingCoupon] = [:]
    public private(set) var services: [String: AccountingService] = [:]
    public private(set) var entries: [JournalEntry] = []
    /// Debit minus credit, per account and currency.
    public private(set) var balances: [LedgerAccount: [CurrencyCode: Int64]] = [:]
    private var applied: Set<String> = []

    public init(rules: PostingRules = PostingRules()) {
        self.rules = rules
    }

    /// Applies a document once: a source already applied changes nothing (a redelivered event).
    @discardableResult
    public mutating func apply(_ document: SalesDocument, source: String) -> [JournalEntry] {
        guard applied.insert(source).inserted else { return [] }
        let posting: PostingRules.Posting
        switch document {
        case .ticket(let ticket):
            let replaced = ticket.exchange.map { exchange in coupons.values.filter { $0.ticketNumber == exchange.oldTicketNumber } } ?? []
            posting = rules.issue(ticket, replacing: replaced, source: source)
        case .refund(let refund):
            posting = rules.refund(refund, coupons: refund.coupons.compactMap { coupons[$0] }, source: source)
        case .couponUse(let use):
            posting = rules.use(use, coupon: coupons[use.coupon], services: services.values.filter { $0.orderID == use.orderID }, source: source)
        case .payment(let payment):
            posting = rules.payment(payment, source: source)
        case .serviceSale(let sale):
            posting = rules.sell(sale, source: source)
        case .serviceClosure(let closure):
            posting = rules.close(closure, service: services[closure.serviceID], source: source)
        case .milesEarned(let movement):
            posting = rules.earn(movement, coupon: movement.coupon.flatMap { coupons[$0] }, source: source)
        case .milesExpired(let movement):
            posting = rules.expireMiles(movement, source: source)
        case .milesPayment(let payment):
            posting = rules.payWithMiles(payment, source: source)
        }
        record(posting)
        return posting.entries
    }

    /// Takes the coupons whose validity ended by `now` to breakage.
    @discardableResult
    public mutating func expire(at now: Int64, source: String) -> [JournalEntry] {
        let posting = rules.expire(Array(coupons.values), at: now, source: source)
        record(posting)
        return posting.entries
    }

    /// The balance of an account (debit minus credit) in a currency.
    public func balance(_ account: LedgerAccount, _ currency: CurrencyCode) -> Int64 {
        balances[account]?[currency] ?? 0
    }

    /// The sum of the balances of every account of a kind, in a currency.
    public func balance(of kind: LedgerAccount.Kind, _ currency: CurrencyCode) -> Int64 {
        balances.filter { $0.key.kind == kind }.reduce(0) { $0 + ($1.value[currency] ?? 0) }
    }

    private mutating func record(_ posting: PostingRules.Posting) {
        for coupon in posting.coupons { coupons[.init(ticketNumber: coupon.ticketNumber, segmentPosition: coupon.segmentPosition)] = coupon }
        for service in posting.services { services[service.id] = service }
        for entry in posting.entries {
            entries.append(entry)
            for line in entry.lines { balances[line.account, default: [:]][entry.currency, default: 0] += line.net }
        }
    }
}
