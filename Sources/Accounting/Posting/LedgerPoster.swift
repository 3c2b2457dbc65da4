import Logging
import SQLKit
import SkyportDomain
import SkyportStore

/// Posts the booking engine's sales documents from the outbox to the ledger, in order, with its own cursor: each batch
/// is one transaction that applies the posting rules to the coupons and services as stored, writes the entries, their
/// lines and balances and the coupons' new states, and advances the cursor. Every document's source (its outbox id) is
/// recorded too, so a document read again (a cursor moved back, a rebuild) posts nothing twice. On PostgreSQL the cursor
/// row is locked for the batch, so two instances never post the same events.
public struct LedgerPoster: Sendable {
    public static let consumer = "revenue-accounting"

    let database: any Database
    let rules: PostingRules
    let logger: Logger
    /// Seconds since 1970.
    let now: @Sendable () -> Int64

    public init(database: any Database, rules: PostingRules, logger: Logger, now: @escaping @Sendable () -> Int64) {
        self.database = database
        self.rules = rules
        self.logger = logger
        self.now = now
    }

    /// Posts the next outbox events; returns how many it read.
    @discardableResult
    public func postBatch(limit: Int = 500) async throws -> Int {
        let now = now()
        return try await ConsumerCursor.consumeOutbox(Self.consumer, database: database, limit: limit, now: now) { [self] events, sql in
            let closedThrough = try await JournalStore.closedThrough(on: sql)
            var entries: [JournalEntry] = []
            for event in events {
                guard let document = try SalesDocumentDecoder.document(of: event) else { continue }
                let source = "outbox-\(event.id)"
                guard try await JournalStore.claim(source: source, topic: event.topic, at: now, on: sql) else { continue }
                let posting = try await posting(for: document, source: source, on: sql)
                try await LedgerCouponStore.save(posting.coupons, at: now, on: sql)
                try await LedgerCouponStore.save(posting.services, at: now, on: sql)
                entries += posting.entries
            }
            try await JournalStore.write(entries, closedThrough: closedThrough, at: now, on: sql)
        }
    }

    /// Takes the coupons whose ticket's validity has ended to breakage, a batch at a time; returns how many coupons.
    @discardableResult
    public func recognizeBreakage(limit: Int = 500) async throws -> Int {
        try await database.transaction { sql in
            let now = now()
            let coupons = try await LedgerCouponStore.expiring(at: now, limit: limit, on: sql)
            guard !coupons.isEmpty else { return 0 }
            let posting = rules.expire(coupons, at: now, source: "breakage-\(now)")
            try await LedgerCouponStore.save(posting.coupons, at: now, on: sql)
            try await JournalStore.write(posting.entries, closedThrough: try await JournalStore.closedThrough(on: sql), at: now, on: sql)
            return posting.coupons.count
        }
    }

    /// Runs until the application shuts down: posts as events arrive, and looks for breakage once a batch finds nothing.
    public func run(idle: Duration = .milliseconds(500)) async {
        await ConsumerLoop.run(idle: idle, logger: logger, name: "revenue accounting") {
            let posted = try await postBatch()
            return posted > 0 ? posted : try await recognizeBreakage()
        }
    }

    private func posting(for document: SalesDocument, source: String, on sql: any SQLDatabase) async throws -> PostingRules.Posting {
        switch document {
        case .ticket(let ticket):
            var replaced: [AccountingCoupon] = []
            if let exchange = ticket.exchange { replaced = try await LedgerCouponStore.coupons(ticket: exchange.oldTicketNumber, on: sql) }
            return rules.issue(ticket, replacing: replaced, source: source)
        case .refund(let refund):
            var coupons: [AccountingCoupon] = []
            for key in refund.coupons { if let coupon = try await LedgerCouponStore.coupon(key, on: sql) { coupons.append(coupon) } }
            return rules.refund(refund, coupons: coupons, source: source)
        case .couponUse(let use):
            return rules.use(use, coupon: try await LedgerCouponStore.coupon(use.coupon, on: sql),
                             services: try await LedgerCouponStore.services(orderID: use.orderID, on: sql), source: source)
        case .payment(let payment):
            return rules.payment(payment, source: source)
        case .serviceSale(let sale):
            return rules.sell(sale, source: source)
        case .serviceClosure(let closure):
            return rules.close(closure, service: try await LedgerCouponStore.service(closure.serviceID, on: sql), source: source)
        case .milesEarned(let movement):
            var coupon: AccountingCoupon?
            if let key = movement.coupon { coupon = try await LedgerCouponStore.coupon(key, on: sql) }
            return rules.earn(movement, coupon: coupon, source: source)
        case .milesExpired(let movement):
            return rules.expireMiles(movement, source: source)
        case .milesPayment(let payment):
            return rules.payWithMiles(payment, source: source)
        }
    }
}
