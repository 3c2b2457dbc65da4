/// The rules that turn the booking engine's documents into journal entries, pure: each takes a document and the
/// coupons or services it concerns as the ledger holds them, and returns the entries and those coupons and services
/// as they stand after it. Every entry balances by construction; the rules keep three more invariants, which the
/// property tests check after any sequence of documents:
/// - the air traffic liability equals the value of the open coupons;
/// - the taxes held equal the taxes of coupons neither flown, refunded, exchanged nor expired;
/// - sales receivable and refunds payable return to nil once each sale is captured and each refund paid.
///
/// Every amount a sale, an exchange or a service sale adds is debited to sales receivable, and every capture credits
/// it: an order paid in full leaves nothing there, whatever path its money took.
public struct PostingRules: Sendable {
    public let policy: AccountingPolicy

    public init(policy: AccountingPolicy = .standard) {
        self.policy = policy
    }

    /// What a document did: the entries to post (none when it changed nothing) and the coupons and services it made or
    /// moved, to be stored.
    public struct Posting: Sendable, Equatable {
        public var entries: [JournalEntry]
        public var coupons: [AccountingCoupon]
        public var services: [AccountingService]

        public init(entries: [JournalEntry] = [], coupons: [AccountingCoupon] = [], services: [AccountingService] = []) {
            self.entries = entries.filter { !$0.isEmpty }
            self.coupons = coupons
            self.services = services
        }
    }

    // MARK: - Tickets

    /// A ticket issued: its fare prorated by distance over its coupons into the air traffic liability, its taxes held.
    /// For an exchange, `replaced` holds the old ticket's coupons: the open ones leave the liability (exchanged), and the
    /// new coupons carry their value on, changed by the fare difference; the change fee is earned, a refund is owed,
    /// and a lower fare's difference that is not refunded is kept as a penalty.
    public func issue(_ ticket: SalesDocument.Ticket, replacing replaced: [AccountingCoupon], source: String) -> Posting {
        let distances = ticket.coupons.map(\.distanceMiles)
        let newTaxes = ticket.coupons.reduce(Int64(0)) { $0 + $1.taxes.reduce(0) { $0 + $1.amount } }
        var transfers: [JournalEntry.Transfer] = []
        var changed: [AccountingCoupon] = []
        let value: Int64
        let validUntil: Int64
        if let exchange = ticket.exchange {
            let released = replaced.filter(\.isOpen).sorted { $0.segmentPosition < $1.segmentPosition }
            let oldValue = released.reduce(Int64(0)) { $0 + $1.value }
            let oldTaxes = released.reduce(Int64(0)) { $0 + $1.taxTotal }
            for coupon in released {
                var exchanged = coupon
                exchanged.status = .exchanged
                changed.append(exchanged)
                transfers.append(.init(debit: .airTrafficLiability, credit: .salesReceivable, amount: coupon.value))
                transfers += coupon.taxes.map { .init(debit: .taxesHeld($0.code), credit: .salesReceivable, amount: $0.amount) }
            }
            value = max(0, oldValue + oldTaxes - newTaxes + exchange.fareDifference)
            // What the new coupons, taxes, fee and refund do not account for of the old value and the payment was kept.
            let kept = oldValue + oldTaxes + exchange.amountDue - value - newTaxes - exchange.changeFee - exchange.refund
            transfers.append(.init(debit: .salesReceivable, credit: .changeFeeRevenue, amount: exchange.changeFee))
            transfers.append(.init(debit: .salesReceivable, credit: .refundsPayable, amount: exchange.refund))
            transfers.append(kept >= 0 ? .init(debit: .salesReceivable, credit: .penaltyRevenue, amount: kept)
                                       : .init(debit: .involuntaryRefundExpense, credit: .salesReceivable, amount: -kept))
            validUntil = replaced.map(\.validUntil).max() ?? ticket.issuedAt + Int64(policy.ticketValidityDays) * 86_400
        } else {
            value = ticket.baseFare
            validUntil = ticket.issuedAt + Int64(policy.ticketValidityDays) * 86_400
        }
        let values = Proration.byDistance(value, distances: distances)
        for (index, (document, share)) in zip(ticket.coupons, values).enumerated() {
            let coupon = AccountingCoupon(
                ticketNumber: ticket.ticketNumber, number: index + 1, orderID: ticket.orderID, passengerPosition: ticket.passengerPosition,
                segmentPosition: document.segmentPosition, flightID: document.flightID, origin: document.origin, destination: document.destination,
                flightDate: document.flightDate, cabin: document.cabin, bookingClass: document.bookingClass, distanceMiles: document.distanceMiles,
                currency: ticket.currency, value: share, taxes: document.taxes, status: .open, validUntil: validUntil)
            changed.append(coupon)
            transfers.append(.init(debit: .salesReceivable, credit: .airTrafficLiability, amount: share))
            transfers += document.taxes.map { .init(debit: .salesReceivable, credit: .taxesHeld($0.code), amount: $0.amount) }
        }
        let kind: JournalEntry.Kind = ticket.exchange == nil ? .ticketSale : .ticketExchange
        let memo = ticket.exchange.map { "Ticket \(ticket.ticketNumber) issued in exchange for \($0.oldTicketNumber)" } ?? "Ticket \(ticket.ticketNumber) sold"
        let entry = JournalEntry(id: "\(source)/\(kind.rawValue)/\(ticket.ticketNumber)", kind: kind, source: source, currency: ticket.currency,
                                 occurredAt: ticket.issuedAt, memo: memo,
                                 dimensions: .init(orderID: ticket.orderID, ticketNumber: ticket.ticketNumber), transfers: transfers)
        return Posting(entries: [entry], coupons: changed)
    }

    /// Coupons refunded on a cancellation: the open ones leave the liability and their held taxes are given back; what
    /// the passenger gets less than that is the penalty, and more (an airline-caused cancellation that refunds flown
    /// legs too) an expense. Coupons already refunded, flown or exchanged are left as they are.
    public func refund(_ refund: SalesDocument.Refund, coupons: [AccountingCoupon], source: String) -> Posting {
        var transfers: [JournalEntry.Transfer] = []
        var changed: [AccountingCoupon] = []
        var released: Int64 = 0
        for coupon in coupons where coupon.holdsTaxes {
            if coupon.isOpen {
                transfers.append(.init(debit: .airTrafficLiability, credit: .refundsPayable, amount: coupon.value))
                released += coupon.value
            }
            transfers += coupon.taxes.map { .init(debit: .taxesHeld($0.code), credit: .refundsPayable, amount: $0.amount) }
            released += coupon.taxTotal
            var refunded = coupon
            refunded.status = .refunded
            changed.append(refunded)
        }
        let difference = refund.refunded - released
        transfers.append(difference >= 0 ? .init(debit: .involuntaryRefundExpense, credit: .refundsPayable, amount: difference)
                                         : .init(debit: .refundsPayable, credit: .penaltyRevenue, amount: -difference))
        let ticket = coupons.first?.ticketNumber
        let entry = JournalEntry(id: "\(source)/ticket_refund/\(refund.passengerPosition)", kind: .ticketRefund, source: source, currency: refund.currency,
                                 occurredAt: refund.occurredAt, memo: "Refund of \(ticket.map { "ticket \($0)" } ?? "an order's passenger")",
                                 dimensions: .init(orderID: refund.orderID, ticketNumber: ticket), transfers: transfers)
        return Posting(entries: [entry], coupons: changed)
    }

    // MARK: - Coupons used

    /// A coupon's flight departed. Flown: its value is earned as passenger revenue of its cabin and route group, its
    /// taxes become due, and the passenger's paid services on that flight are delivered. Not on board: the fare (which
    /// gives nothing back once the flight has left) and the services are no-show revenue; the taxes stay held, as they
    /// are not owed for a flight not taken. A coupon that is not open (a redelivery, an exchanged coupon) changes nothing.
    public func use(_ use: SalesDocument.CouponUse, coupon: AccountingCoupon?, services: [AccountingService], source: String) -> Posting {
        guard let coupon, coupon.isOpen else { return Posting() }
        var transfers: [JournalEntry.Transfer] = []
        var used = coupon
        var delivered: [AccountingService] = []
        let onFlight = services.filter {
            $0.status == .active && $0.orderID == coupon.orderID && $0.passengerPosition == coupon.passengerPosition
                && $0.segmentPosition == coupon.segmentPosition
        }.sorted { $0.id < $1.id }
        if use.flown {
            used.status = .flown
            transfers.append(.init(debit: .airTrafficLiability, credit: .passengerRevenue(cabin: coupon.cabin, routeGroup: coupon.routeGroup),
                                   amount: coupon.value))
            transfers += coupon.taxes.map { .init(debit: .taxesHeld($0.code), credit: .taxesDue($0.code), amount: $0.amount) }
        } else {
            used.status = .noShow
            transfers.append(.init(debit: .airTrafficLiability, credit: .noShowRevenue, amount: coupon.value))
        }
        for service in onFlight {
            var closed = service
            closed.status = use.flown ? .delivered : .forfeited
            delivered.append(closed)
            transfers.append(.init(debit: .unearnedAncillaries(service.kind),
                                   credit: use.flown ? .ancillaryRevenue(service.kind) : .noShowRevenue, amount: service.amount))
        }
        let kind: JournalEntry.Kind = use.flown ? .couponFlown : .couponNoShow
        let entry = JournalEntry(id: "\(source)/\(kind.rawValue)/\(coupon.ticketNumber)/\(coupon.number)", kind: kind, source: source,
                                 currency: coupon.currency, occurredAt: use.occurredAt,
                                 memo: "Coupon \(coupon.number) of ticket \(coupon.ticketNumber) \(use.flown ? "flown" : "not used (no-show)")",
                                 dimensions: coupon.dimensions, transfers: transfers)
        return Posting(entries: [entry], coupons: [used], services: delivered)
    }

    /// Coupons whose ticket's validity has ended by `now` and that were never used: their value is breakage revenue and
    /// their taxes become due. Nothing when the policy does not recognize breakage.
    public func expire(_ coupons: [AccountingCoupon], at now: Int64, source: String) -> Posting {
        guard policy.recognizesBreakage else { return Posting() }
        var entries: [JournalEntry] = []
        var changed: [AccountingCoupon] = []
        let due = coupons.filter { $0.holdsTaxes && $0.validUntil <= now }
            .sorted { ($0.ticketNumber, $0.segmentPosition) < ($1.ticketNumber, $1.segmentPosition) }
        for coupon in due {
            var transfers: [JournalEntry.Transfer] = []
            if coupon.isOpen { transfers.append(.init(debit: .airTrafficLiability, credit: .breakageRevenue, amount: coupon.value)) }
            transfers += coupon.taxes.map { .init(debit: .taxesHeld($0.code), credit: .taxesDue($0.code), amount: $0.amount) }
            var expired = coupon
            expired.status = .expired
            changed.append(expired)
            entries.append(JournalEntry(id: "\(source)/breakage/\(coupon.ticketNumber)/\(coupon.number)", kind: .breakage, source: source,
                                        currency: coupon.currency, occurredAt: now,
                                        memo: "Coupon \(coupon.number) of ticket \(coupon.ticketNumber) unused at the end of its validity",
                                        dimensions: coupon.dimensions, transfers: transfers))
        }
        return Posting(entries: entries, coupons: changed)
    }

    // MARK: - Payments

    /// A capture settles what an order owes (cash clearing of its processor against sales receivable); a refund pays
    /// out what is owed back.
    public func payment(_ payment: SalesDocument.Payment, source: String) -> Posting {
        let cash = LedgerAccount.cashClearing(payment.processor)
        let transfer: JournalEntry.Transfer = payment.isRefund
            ? .init(debit: .refundsPayable, credit: cash, amount: payment.amount.minorUnits)
            : .init(debit: cash, credit: .salesReceivable, amount: payment.amount.minorUnits)
        let kind: JournalEntry.Kind = payment.isRefund ? .paymentRefund : .paymentCapture
        let entry = JournalEntry(id: "\(source)/\(kind.rawValue)", kind: kind, source: source, currency: payment.amount.currency,
                                 occurredAt: payment.occurredAt,
                                 memo: "\(payment.isRefund ? "Refund" : "Capture") \(payment.reference) by \(payment.processor)",
                                 dimensions: .init(orderID: payment.orderID, paymentReference: payment.reference), transfers: [transfer])
        return Posting(entries: [entry])
    }

    // MARK: - Loyalty miles

    /// Miles earned on a flown coupon: part of the fare that coupon earned is deferred for them (IFRS 15), at the value
    /// the programme puts on a mile, until they are redeemed or expire.
    public func earn(_ movement: SalesDocument.MilesMovement, coupon: AccountingCoupon?, source: String) -> Posting {
        let revenue = coupon.map { LedgerAccount.passengerRevenue(cabin: $0.cabin, routeGroup: $0.routeGroup) } ?? LedgerAccount(.passengerRevenue, "unallocated")
        var dimensions = coupon?.dimensions ?? JournalEntry.Dimensions()
        dimensions.miles = movement.miles
        let entry = JournalEntry(id: "\(source)/miles_issued", kind: .milesIssued, source: source, currency: movement.currency,
                                 occurredAt: movement.occurredAt, memo: "\(movement.miles) miles earned by \(movement.memberID)", dimensions: dimensions,
                                 transfers: [.init(debit: revenue, credit: .loyaltyDeferred, amount: movement.value)])
        return Posting(entries: [entry])
    }

    /// Miles that expired unspent: the value deferred for them is earned.
    public func expireMiles(_ movement: SalesDocument.MilesMovement, source: String) -> Posting {
        let entry = JournalEntry(id: "\(source)/miles_expired", kind: .milesExpired, source: source, currency: movement.currency,
                                 occurredAt: movement.occurredAt, memo: "\(movement.miles) miles of \(movement.memberID) expired",
                                 dimensions: .init(miles: movement.miles),
                                 transfers: [.init(debit: .loyaltyDeferred, credit: .loyaltyRevenue, amount: movement.value)])
        return Posting(entries: [entry])
    }

    /// Miles that paid for an order: the payment's cash clearing (debited when the booking engine recorded the
    /// capture) is settled from loyalty deferred revenue, which releases the value the miles carried; what they carried
    /// beyond what they paid is loyalty revenue (a shortfall is its debit). Miles given back reverse it in proportion.
    public func payWithMiles(_ payment: SalesDocument.MilesPayment, source: String) -> Posting {
        let cash = LedgerAccount.cashClearing(payment.processor)
        let margin = payment.deferredValue - payment.paymentValue
        var transfers: [JournalEntry.Transfer] = payment.isReturn
            ? [.init(debit: cash, credit: .loyaltyDeferred, amount: payment.paymentValue)]
            : [.init(debit: .loyaltyDeferred, credit: cash, amount: payment.paymentValue)]
        if margin != 0 {
            transfers.append(payment.isReturn ? .init(debit: .loyaltyRevenue, credit: .loyaltyDeferred, amount: margin)
                                              : .init(debit: .loyaltyDeferred, credit: .loyaltyRevenue, amount: margin))
        }
        let kind: JournalEntry.Kind = payment.isReturn ? .milesReturned : .milesRedeemed
        let entry = JournalEntry(id: "\(source)/\(kind.rawValue)", kind: kind, source: source, currency: payment.currency, occurredAt: payment.occurredAt,
                                 memo: "\(payment.miles) miles of \(payment.memberID) \(payment.isReturn ? "given back" : "paid") (\(payment.reference))",
                                 dimensions: .init(paymentReference: payment.reference, miles: payment.miles), transfers: transfers)
        return Posting(entries: [entry])
    }

    // MARK: - Paid services

    /// A seat or bag sold is unearned until its flight.
    public func sell(_ sale: SalesDocument.ServiceSale, source: String) -> Posting {
        let service = sale.service
        let entry = JournalEntry(id: "\(source)/service_sale/\(service.id)", kind: .serviceSale, source: source, currency: service.currency,
                                 occurredAt: sale.occurredAt, memo: "\(service.kind) \(service.id) sold",
                                 dimensions: .init(orderID: service.orderID),
                                 transfers: [.init(debit: .salesReceivable, credit: .unearnedAncillaries(service.kind), amount: service.amount)])
        return Posting(entries: [entry], services: [service])
    }

    /// A service ended before its flight: refunded (what is not refunded is kept as a penalty), replaced (its value
    /// credited to the order, against the replacement's sale) or kept whole. A service already earned and refunded after
    /// all (an airline-caused cancellation after a no-show) is an expense.
    public func close(_ closure: SalesDocument.ServiceClosure, service: AccountingService?, source: String) -> Posting {
        guard let service, closure.status != .active else { return Posting() }
        let unearned = LedgerAccount.unearnedAncillaries(service.kind)
        var transfers: [JournalEntry.Transfer] = []
        var closed = service
        if service.status == .active {
            closed.status = closure.status
            switch closure.status {
            case .replaced:
                transfers.append(.init(debit: unearned, credit: .salesReceivable, amount: service.amount))
            case .refunded, .forfeited, .delivered, .active:
                let refunded = min(closure.refunded, service.amount)
                transfers.append(.init(debit: unearned, credit: .refundsPayable, amount: refunded))
                transfers.append(.init(debit: unearned, credit: closure.status == .delivered ? .ancillaryRevenue(service.kind) : .penaltyRevenue,
                                       amount: service.amount - refunded))
            }
        } else if closure.refunded > 0, service.status == .delivered || service.status == .forfeited {
            transfers.append(.init(debit: .involuntaryRefundExpense, credit: .refundsPayable, amount: closure.refunded))
            closed.status = .refunded
        } else {
            return Posting()
        }
        let entry = JournalEntry(id: "\(source)/service_refund/\(service.id)", kind: .serviceRefund, source: source, currency: service.currency,
                                 occurredAt: closure.occurredAt, memo: "\(service.kind) \(service.id) \(closure.status.rawValue)",
                                 dimensions: .init(orderID: service.orderID), transfers: transfers)
        return Posting(entries: [entry], services: [closed])
    }
}
