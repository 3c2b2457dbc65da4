import SkyportDomain
import Testing

/// Long random sequences of sales (some paid partly with miles), services, changes, cancellations, departures (which
/// earn miles), breakage runs and redelivered documents, written the way the booking engine and the loyalty programme
/// write them, against the books' invariants after every step.
@Suite struct LedgerPropertyTests {
    /// The booking side of the script: what the engine knows of each passenger's coupons, independently of the ledger.
    struct ScriptCoupon {
        var ticket: String
        let segment: Int
        var flight: Int
        var base: Int64
        var taxes: [TaxAmount]
        var status: AccountingCoupon.Status
    }

    struct ScriptOrder {
        let id: String
        let refundable: Bool
        var passengers: [[ScriptCoupon]]
        var services: [(id: String, passenger: Int, segment: Int, amount: Int64, active: Bool)]
        var cancelled = false
        /// What the card paid, net of refunds.
        var cardNet: Int64 = 0
        /// The payment with miles, if any, and what of its value came back.
        var miles: (reference: String, miles: Int, value: Int64, deferred: Int64, returned: Int64)?
    }

    enum Step {
        case document(SalesDocument, String)
        case breakage(Int64, String)
    }

    struct Script {
        var random: SeededRandom
        var book = LedgerBook(rules: PostingRules(policy: AccountingPolicy(ticketValidityDays: 30)))
        var orders: [ScriptOrder] = []
        var documents: [(SalesDocument, String)] = []
        /// Everything that reached the books, in order.
        var history: [Step] = []
        var now: Int64 = 1_800_000_000
        var serial = 0
        /// The member's miles and the deferred value they carry, as the programme counts them.
        var pool: (miles: Int, value: Int64) = (0, 0)
        /// Card captures less card refunds, as the processor counts them.
        var cardNet: Int64 = 0
        let distances = [187, 740, 1_745, 2_475, 4_983]

        mutating func next() -> String {
            serial += 1
            return "ev\(serial)"
        }

        mutating func post(_ document: SalesDocument) {
            let source = next()
            documents.append((document, source))
            history.append(.document(document, source))
            book.apply(document, source: source)
        }

        func taxes(_ base: Int64) -> [TaxAmount] {
            [.init(code: "US", amount: base * 75 / 1_000), .init(code: "ZP", amount: 510), .init(code: "AY", amount: 560)]
        }

        func couponDocument(_ coupon: ScriptCoupon) -> SalesDocument.Ticket.Coupon {
            .init(segmentPosition: coupon.segment, flightID: "f\(coupon.flight)", origin: "A\(coupon.flight)", destination: "B\(coupon.flight)",
                  flightDate: "2027-01-01", cabin: coupon.flight % 3 == 0 ? "business" : "economy", bookingClass: "M",
                  distanceMiles: distances[coupon.flight % distances.count], taxes: coupon.taxes)
        }

        func money(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .usd) }

        mutating func sell() {
            let id = "ord\(orders.count)", segments = Int.random(in: 1...3, using: &random)
            let flights = (0..<segments).map { _ in Int.random(in: 0..<12, using: &random) }
            var order = ScriptOrder(id: id, refundable: Bool.random(using: &random), passengers: [], services: [])
            var total: Int64 = 0
            for passenger in 0..<Int.random(in: 1...3, using: &random) {
                let ticket = "180\(orders.count)-\(passenger)-0"
                let coupons = flights.enumerated().map { segment, flight in
                    let base = Int64.random(in: 4_000...90_000, using: &random)
                    return ScriptCoupon(ticket: ticket, segment: segment, flight: flight, base: base, taxes: taxes(base), status: .open)
                }
                order.passengers.append(coupons)
                let base = coupons.reduce(0) { $0 + $1.base }
                post(.ticket(.init(ticketNumber: ticket, orderID: id, passengerPosition: passenger, currency: .usd, baseFare: base,
                                   coupons: coupons.map(couponDocument), exchange: nil, issuedAt: now)))
                total += base + coupons.reduce(0) { $0 + $1.taxes.reduce(0) { $0 + $1.amount } }
                if Bool.random(using: &random) {
                    let service = AccountingService(id: "\(id)-s\(order.services.count)", orderID: id, passengerPosition: passenger,
                                                    segmentPosition: Int.random(in: 0..<segments, using: &random),
                                                    kind: Bool.random(using: &random) ? "seat" : "checked_bag",
                                                    amount: Int64.random(in: 1_200...6_500, using: &random), currency: .usd, status: .active)
                    order.services.append((service.id, service.passengerPosition, service.segmentPosition, service.amount, true))
                    post(.serviceSale(.init(service: service, occurredAt: now)))
                    total += service.amount
                }
            }
            // Some orders are paid partly with miles (a cent each, at most the order's value): the programme releases the
            // deferred value the miles carried, the card pays the rest.
            if pool.miles >= 1_000, total >= 10_000, Bool.random(using: &random) {
                let miles = 1_000 * Int.random(in: 1...min(pool.miles / 1_000, Int(total / 10_000), 40), using: &random)
                let deferred = miles == pool.miles ? pool.value : pool.value * Int64(miles) / Int64(pool.miles)
                pool = (pool.miles - miles, pool.value - deferred)
                let reference = "mls\(serial)", value = Int64(miles) * 10
                post(.milesPayment(.init(memberID: "m1", processor: "miles", reference: reference, miles: miles, paymentValue: value,
                                         deferredValue: deferred, currency: .usd, isReturn: false, occurredAt: now)))
                post(.payment(.init(orderID: id, processor: "miles", reference: reference, isRefund: false, amount: money(value), occurredAt: now)))
                order.miles = (reference, miles, value, deferred, 0)
                total -= value
            }
            if total > 0 { post(.payment(.init(orderID: id, processor: "test", reference: "ch\(serial)", isRefund: false, amount: money(total), occurredAt: now))) }
            order.cardNet = total
            cardNet += total
            orders.append(order)
        }

        /// Pays `amount` back to the order as the booking engine does: the card first, then the miles, which the
        /// programme gives back with their share of the deferred value.
        mutating func refund(_ amount: Int64, order: inout ScriptOrder) {
            let card = min(amount, order.cardNet)
            if card > 0 { post(.payment(.init(orderID: order.id, processor: "test", reference: "re\(serial)", isRefund: true, amount: money(card), occurredAt: now))) }
            order.cardNet -= card
            cardNet -= card
            let rest = amount - card
            guard rest > 0, var paid = order.miles else { return }
            let out = paid.value - paid.returned
            let miles = rest == out ? paid.miles - Int(Int64(paid.miles) * paid.returned / paid.value) : Int(Int64(paid.miles) * rest / paid.value)
            let deferred = rest == out ? paid.deferred - paid.deferred * paid.returned / paid.value : paid.deferred * rest / paid.value
            let reference = "mrf\(serial)"
            post(.payment(.init(orderID: order.id, processor: "miles", reference: reference, isRefund: true, amount: money(rest), occurredAt: now)))
            post(.milesPayment(.init(memberID: "m1", processor: "miles", reference: reference, miles: miles, paymentValue: rest, deferredValue: deferred,
                                     currency: .usd, isReturn: true, occurredAt: now)))
            pool = (pool.miles + miles, pool.value + deferred)
            paid.returned += rest
            order.miles = paid
        }

        mutating func change() {
            guard let index = orders.indices.filter({ !orders[$0].cancelled }).randomElement(using: &random) else { return }
            var order = orders[index]
            guard let segment = order.passengers[0].indices.filter({ order.passengers[0][$0].status == .open }).randomElement(using: &random) else { return }
            let flight = Int.random(in: 0..<12, using: &random)
            var due: Int64 = 0, refund: Int64 = 0
            for passenger in order.passengers.indices {
                let old = order.passengers[passenger][segment]
                let base = Int64.random(in: 4_000...90_000, using: &random)
                let newTaxes = taxes(base)
                let difference = base + newTaxes.reduce(0) { $0 + $1.amount } - old.base - old.taxes.reduce(0) { $0 + $1.amount }
                let fee: Int64 = order.refundable ? 0 : 7_500
                let passengerDue = fee + max(0, difference), passengerRefund = difference < 0 && order.refundable ? -difference : 0
                let oldTicket = old.ticket, newTicket = "\(oldTicket)x"
                order.passengers[passenger][segment].flight = flight
                order.passengers[passenger][segment].base = base
                order.passengers[passenger][segment].taxes = newTaxes
                var moved: [ScriptCoupon] = []
                for position in order.passengers[passenger].indices where order.passengers[passenger][position].status == .open {
                    order.passengers[passenger][position].ticket = newTicket
                    moved.append(order.passengers[passenger][position])
                }
                post(.ticket(.init(ticketNumber: newTicket, orderID: order.id, passengerPosition: passenger, currency: .usd, baseFare: 0,
                                   coupons: moved.map(couponDocument),
                                   exchange: .init(oldTicketNumber: oldTicket, changeFee: fee, fareDifference: difference, amountDue: passengerDue,
                                                   refund: passengerRefund), issuedAt: now)))
                due += passengerDue
                refund += passengerRefund
            }
            if due > 0 {
                post(.payment(.init(orderID: order.id, processor: "test", reference: "ch\(serial)", isRefund: false, amount: money(due), occurredAt: now)))
                order.cardNet += due
                cardNet += due
            }
            if refund > 0 { self.refund(refund, order: &order) }
            orders[index] = order
        }

        mutating func cancel() {
            guard let index = orders.indices.filter({ !orders[$0].cancelled }).randomElement(using: &random) else { return }
            var order = orders[index]
            let involuntary = order.passengers.joined().contains { $0.status != .open } || Bool.random(using: &random)
            var total: Int64 = 0
            for passenger in order.passengers.indices {
                var refunded: Int64 = 0, keys: [SalesDocument.CouponKey] = []
                for position in order.passengers[passenger].indices {
                    let coupon = order.passengers[passenger][position]
                    let taxes = coupon.taxes.reduce(0) { $0 + $1.amount }
                    refunded += involuntary ? coupon.base + taxes : order.refundable ? max(0, coupon.base - 5_000) + taxes : taxes
                    if coupon.status == .open || coupon.status == .noShow {
                        keys.append(.init(ticketNumber: coupon.ticket, segmentPosition: coupon.segment))
                        order.passengers[passenger][position].status = .refunded
                    }
                }
                post(.refund(.init(orderID: order.id, passengerPosition: passenger, coupons: keys, currency: .usd, refunded: refunded, occurredAt: now)))
                total += refunded
            }
            for (offset, service) in order.services.enumerated() where service.active {
                let back = involuntary || (order.refundable && service.id.hasSuffix("0")) ? service.amount : 0
                post(.serviceClosure(.init(serviceID: service.id, status: back > 0 ? .refunded : .forfeited, refunded: back, occurredAt: now)))
                order.services[offset].active = false
                total += back
            }
            if total > 0 { refund(total, order: &order) }
            order.cancelled = true
            orders[index] = order
        }

        mutating func depart() {
            let flight = Int.random(in: 0..<12, using: &random)
            for index in orders.indices {
                for passenger in orders[index].passengers.indices {
                    for position in orders[index].passengers[passenger].indices {
                        let coupon = orders[index].passengers[passenger][position]
                        guard coupon.flight == flight, coupon.status == .open else { continue }
                        let flown = Int.random(in: 0..<10, using: &random) < 8
                        orders[index].passengers[passenger][position].status = flown ? .flown : .noShow
                        for (offset, service) in orders[index].services.enumerated()
                        where service.active && service.passenger == passenger && service.segment == position {
                            orders[index].services[offset].active = false
                        }
                        let key = SalesDocument.CouponKey(ticketNumber: coupon.ticket, segmentPosition: coupon.segment)
                        post(.couponUse(.init(coupon: key, orderID: orders[index].id, passengerPosition: passenger, flown: flown, occurredAt: now)))
                        // Half the flown coupons are a member's, and earn their distance in miles at 1.2 cents.
                        if flown, Bool.random(using: &random) {
                            let miles = distances[coupon.flight % distances.count], value = Int64(miles) * 12 / 10
                            post(.milesEarned(.init(memberID: "m1", coupon: key, miles: miles, value: value, currency: .usd, occurredAt: now)))
                            pool = (pool.miles + miles, pool.value + value)
                        }
                    }
                }
            }
        }

        mutating func expire() {
            history.append(.breakage(now, "breakage-\(now)"))
            book.expire(at: now, source: "breakage-\(now)")
            for index in orders.indices {
                for passenger in orders[index].passengers.indices {
                    for position in orders[index].passengers[passenger].indices {
                        let coupon = book.coupons[.init(ticketNumber: orders[index].passengers[passenger][position].ticket, segmentPosition: position)]
                        if coupon?.status == .expired { orders[index].passengers[passenger][position].status = .expired }
                    }
                }
            }
        }

        /// Taxes on coupons the engine says are neither flown, refunded nor expired, per code: computed from the script, not the ledger.
        var taxesOnUnflownUnrefundedCoupons: [String: Int64] {
            var sums: [String: Int64] = [:]
            for coupon in orders.flatMap({ $0.passengers.joined() }) where coupon.status == .open || coupon.status == .noShow {
                for tax in coupon.taxes { sums[tax.code, default: 0] += tax.amount }
            }
            return sums
        }
    }

    func checkInvariants(_ script: Script, step: Int, seed: UInt64) {
        let book = script.book
        let context = Comment(rawValue: "seed \(seed), step \(step)")
        for entry in book.entries {
            #expect(entry.lines.reduce(0) { $0 + $1.debit } == entry.lines.reduce(0) { $0 + $1.credit }, context)
        }
        #expect(book.balances.values.reduce(0) { $0 + ($1[.usd] ?? 0) } == 0, context)
        // The liability is the open coupons' value, coupon by coupon.
        #expect(-book.balance(.airTrafficLiability, .usd) == book.coupons.values.filter(\.isOpen).reduce(0) { $0 + $1.value }, context)
        // Taxes held, per code, are the taxes on unflown and un-refunded coupons as the booking side counts them.
        for (code, amount) in script.taxesOnUnflownUnrefundedCoupons {
            #expect(-book.balance(.taxesHeld(code), .usd) == amount, context)
        }
        #expect(book.balance(of: .taxesHeld, .usd) == -script.taxesOnUnflownUnrefundedCoupons.values.reduce(0, +), context)
        // Every sale was paid and every refund paid out: nothing is left between the two.
        #expect(book.balance(.salesReceivable, .usd) == 0, context)
        #expect(book.balance(.refundsPayable, .usd) == 0, context)
        // The processor's cash is what it captured less what it refunded; miles clear as soon as the programme has moved them.
        #expect(book.balance(.cashClearing("test"), .usd) == script.cardNet, context)
        #expect(book.balance(.cashClearing("miles"), .usd) == 0, context)
        // Loyalty deferred revenue is the value the member's miles still carry, as the programme counts it.
        #expect(-book.balance(.loyaltyDeferred, .usd) == script.pool.value, context)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func anySequenceKeepsTheBooksBalancedAndTheLiabilityEqualToOpenCoupons(seed: UInt64) {
        var script = Script(random: SeededRandom(seed: seed))
        for step in 0..<300 {
            script.now += Int64.random(in: 600...172_800, using: &script.random)
            switch Int.random(in: 0..<20, using: &script.random) {
            case 0..<7: script.sell()
            case 7..<10: script.change()
            case 10..<12: script.cancel()
            case 12..<17: script.depart()
            case 17: script.expire()
            default:
                // A document delivered again changes nothing.
                if let (document, source) = script.documents.randomElement(using: &script.random) {
                    let before = script.book.entries.count
                    script.book.apply(document, source: source)
                    #expect(script.book.entries.count == before)
                }
            }
            checkInvariants(script, step: step, seed: seed)
        }
        #expect(script.book.entries.contains { $0.kind == .ticketExchange } && script.book.entries.contains { $0.kind == .couponFlown })
        #expect(script.book.entries.contains { $0.kind == .milesRedeemed } && script.book.entries.contains { $0.kind == .milesReturned })
        // The books rebuilt from the history, in order, are the books built live.
        var rebuilt = LedgerBook(rules: script.book.rules)
        for step in script.history {
            switch step {
            case .document(let document, let source): rebuilt.apply(document, source: source)
            case .breakage(let at, let source): rebuilt.expire(at: at, source: source)
            }
        }
        #expect(rebuilt.balances == script.book.balances)
        #expect(rebuilt.entries == script.book.entries)
    }
}
