import SkyportDomain
import Testing

/// Each document's journal entry, worked by hand.
@Suite struct PostingRulesTests {
    let rules = PostingRules(policy: AccountingPolicy(ticketValidityDays: 365))

    func coupon(_ segment: Int, _ flight: String, _ origin: String, _ destination: String, miles: Int, taxes: [TaxAmount],
                cabin: String = "economy") -> SalesDocument.Ticket.Coupon {
        .init(segmentPosition: segment, flightID: flight, origin: origin, destination: destination, flightDate: "2027-01-1\(segment)", cabin: cabin,
              bookingClass: "M", distanceMiles: miles, taxes: taxes)
    }

    /// JFK-ORD (740 miles) and ORD-LAX (1,745 miles) on one ticket of 400.00 with a US tax and a segment fee per flight.
    var ticket: SalesDocument.Ticket {
        .init(ticketNumber: "1800000000001", orderID: "ord_1", passengerPosition: 0, currency: .usd, baseFare: 40_000,
              coupons: [coupon(0, "f1", "JFK", "ORD", miles: 740, taxes: [.init(code: "US", amount: 1_400), .init(code: "ZP", amount: 510)]),
                        coupon(1, "f2", "ORD", "LAX", miles: 1_745, taxes: [.init(code: "US", amount: 1_600), .init(code: "ZP", amount: 510)])],
              exchange: nil, issuedAt: 1_800_000_000)
    }

    func net(_ entry: JournalEntry, _ account: LedgerAccount) -> Int64 {
        entry.lines.first { $0.account == account }?.net ?? 0
    }

    @Test func prorationByDistanceAddsUpExactly() {
        // 40000 × 740 / 2485 = 11911.47…, 40000 × 1745 / 2485 = 28088.53…: the larger remainder takes the cent.
        #expect(Proration.byDistance(40_000, distances: [740, 1_745]) == [11_911, 28_089])
        #expect(Proration.byDistance(100, distances: [1, 1, 1]) == [34, 33, 33])
        #expect(Proration.byDistance(-100, distances: [1, 1, 1]) == [-34, -33, -33])
        #expect(Proration.byDistance(10, distances: [0, 0]) == [5, 5])
        #expect(Proration.byDistance(0, distances: [500, 700]) == [0, 0])
        #expect(Proration.byDistance(7, distances: []) == [])
        var random = SeededRandom(seed: 21)
        for _ in 0..<500 {
            let total = Int64.random(in: -1_000_000...5_000_000, using: &random)
            let distances = (0..<Int.random(in: 1...6, using: &random)).map { _ in Int.random(in: 0...6_000, using: &random) }
            let shares = Proration.byDistance(total, distances: distances)
            #expect(shares.reduce(0, +) == total)
            // No share is more than a unit away from its exact proportion.
            let weight = distances.reduce(0, +)
            if weight > 0 {
                for (share, distance) in zip(shares, distances) {
                    let exact = Double(total) * Double(distance) / Double(weight)
                    #expect(abs(Double(share) - exact) < 1.0 + 1e-9)
                }
            }
        }
    }

    @Test func anEntryIsBalancedByConstructionAndItsReversalUndoesIt() {
        let entry = JournalEntry(id: "e", kind: .ticketSale, source: "s", currency: .usd, occurredAt: 0, memo: "",
                                 transfers: [.init(debit: .salesReceivable, credit: .airTrafficLiability, amount: 500),
                                             .init(debit: .salesReceivable, credit: .taxesHeld("US"), amount: -20),
                                             .init(debit: .penaltyRevenue, credit: .refundsPayable, amount: 0)])
        // A negative amount swaps the sides; a zero transfer is dropped.
        #expect(entry.transfers.count == 2 && entry.transfers[1].debit == .taxesHeld("US") && entry.transfers[1].amount == 20)
        #expect(entry.lines.reduce(0) { $0 + $1.debit } == entry.lines.reduce(0) { $0 + $1.credit })
        #expect(entry.total == 520)
        let reversal = entry.reversal(at: 10, memo: "wrong fare")
        #expect(reversal.reverses == "e" && reversal.kind == .reversal && reversal.id == "e/reversal")
        for line in entry.lines {
            #expect(reversal.lines.first { $0.account == line.account }?.net == -line.net)
        }
        #expect(LedgerAccount(code: "2200-US") == .taxesHeld("US") && LedgerAccount(code: "4100-economy/short_haul")?.kind == .passengerRevenue)
        #expect(LedgerAccount(code: "9999") == nil)
    }

    @Test func aSaleProratesTheFareIntoTheLiabilityAndHoldsTheTaxes() throws {
        let posting = rules.issue(ticket, replacing: [], source: "ev1")
        let entry = try #require(posting.entries.first)
        #expect(entry.kind == .ticketSale && entry.id == "ev1/ticket_sale/1800000000001")
        #expect(net(entry, .salesReceivable) == 40_000 + 3_000 + 1_020)
        #expect(net(entry, .airTrafficLiability) == -40_000)
        #expect(net(entry, .taxesHeld("US")) == -3_000 && net(entry, .taxesHeld("ZP")) == -1_020)
        #expect(posting.coupons.map(\.value) == [11_911, 28_089])
        #expect(posting.coupons.map(\.number) == [1, 2] && posting.coupons.allSatisfy { $0.status == .open })
        #expect(posting.coupons[0].validUntil == 1_800_000_000 + 365 * 86_400)
    }

    @Test func flownCouponsAreEarnedByCabinAndRouteGroupAndTheirTaxesBecomeDue() throws {
        let coupons = rules.issue(ticket, replacing: [], source: "ev1").coupons
        let seat = AccountingService(id: "svc1", orderID: "ord_1", passengerPosition: 0, segmentPosition: 0, kind: "seat", amount: 2_500,
                                     currency: .usd, status: .active)
        let flown = rules.use(.init(coupon: .init(ticketNumber: "1800000000001", segmentPosition: 0), orderID: "ord_1", passengerPosition: 0,
                                    flown: true, occurredAt: 1_800_100_000), coupon: coupons[0], services: [seat], source: "ev2")
        let entry = try #require(flown.entries.first)
        #expect(net(entry, .airTrafficLiability) == 11_911)
        #expect(net(entry, .passengerRevenue(cabin: "economy", routeGroup: .shortHaul)) == -11_911)
        #expect(net(entry, .taxesHeld("US")) == 1_400 && net(entry, .taxesDue("US")) == -1_400 && net(entry, .taxesDue("ZP")) == -510)
        #expect(net(entry, .ancillaryRevenue("seat")) == -2_500 && flown.services.first?.status == .delivered)
        #expect(entry.dimensions.route == "JFK-ORD" && entry.dimensions.flightDate == "2027-01-10")
        #expect(flown.coupons.first?.status == .flown)
        // The same departure told twice changes nothing the second time.
        #expect(rules.use(.init(coupon: .init(ticketNumber: "1800000000001", segmentPosition: 0), orderID: "ord_1", passengerPosition: 0,
                                flown: true, occurredAt: 1_800_100_000), coupon: flown.coupons[0], services: [], source: "ev3").entries.isEmpty)
        let noShow = rules.use(.init(coupon: .init(ticketNumber: "1800000000001", segmentPosition: 1), orderID: "ord_1", passengerPosition: 0,
                                     flown: false, occurredAt: 1_800_200_000), coupon: coupons[1], services: [], source: "ev4")
        let missed = try #require(noShow.entries.first)
        #expect(missed.kind == .couponNoShow && net(missed, .noShowRevenue) == -28_089 && net(missed, .taxesHeld("US")) == 0)
        #expect(noShow.coupons.first?.status == .noShow)
    }

    @Test func exchangesCarryTheValueOnAndBookTheFeeTheDifferenceAndWhatIsKept() throws {
        let coupons = rules.issue(ticket, replacing: [], source: "ev1").coupons
        let changedSecond = SalesDocument.Ticket.Coupon(segmentPosition: 1, flightID: "f9", origin: "ORD", destination: "LAX", flightDate: "2027-01-12",
                                                        cabin: "economy", bookingClass: "K", distanceMiles: 1_745,
                                                        taxes: [.init(code: "US", amount: 1_800), .init(code: "ZP", amount: 510)])
        func exchanged(_ difference: Int64, due: Int64, refund: Int64, fee: Int64 = 7_500) -> PostingRules.Posting {
            rules.issue(.init(ticketNumber: "1800000000002", orderID: "ord_1", passengerPosition: 0, currency: .usd, baseFare: 0,
                              coupons: [ticket.coupons[0], changedSecond],
                              exchange: .init(oldTicketNumber: "1800000000001", changeFee: fee, fareDifference: difference, amountDue: due, refund: refund),
                              issuedAt: 1_800_050_000), replacing: coupons, source: "ev5")
        }
        // A dearer flight: 75.00 fee and 30.00 more (2.00 of it tax) collected; the liability grows by 28.00.
        let up = exchanged(3_000, due: 10_500, refund: 0)
        let entry = try #require(up.entries.first)
        #expect(entry.kind == .ticketExchange)
        #expect(net(entry, .airTrafficLiability) == -2_800 && net(entry, .taxesHeld("US")) == -200)
        #expect(net(entry, .changeFeeRevenue) == -7_500 && net(entry, .salesReceivable) == 10_500 && net(entry, .penaltyRevenue) == 0)
        #expect(up.coupons.filter { $0.status == .exchanged }.count == 2)
        #expect(up.coupons.filter { $0.status == .open }.map(\.value).reduce(0, +) == 40_000 + 2_800)
        // The exchange keeps the original ticket's validity.
        #expect(up.coupons.last?.validUntil == coupons[0].validUntil)
        // A cheaper flight on a refundable fare: the difference goes back.
        let down = try #require(exchanged(-5_000, due: 0, refund: 5_000, fee: 0).entries.first)
        #expect(net(down, .refundsPayable) == -5_000 && net(down, .penaltyRevenue) == 0 && net(down, .airTrafficLiability) == 5_200)
        // On a non-refundable fare the difference is kept.
        let kept = try #require(exchanged(-5_000, due: 7_500, refund: 0).entries.first)
        #expect(net(kept, .penaltyRevenue) == -5_000 && net(kept, .refundsPayable) == 0 && net(kept, .salesReceivable) == 7_500)
    }

    @Test func refundsReleaseOpenCouponsWithAPenaltyOrAnExpense() throws {
        var coupons = rules.issue(ticket, replacing: [], source: "ev1").coupons
        let keys = coupons.map { SalesDocument.CouponKey(ticketNumber: $0.ticketNumber, segmentPosition: $0.segmentPosition) }
        // A refundable fare less a 50.00 penalty: taxes back in full.
        let partial = rules.refund(.init(orderID: "ord_1", passengerPosition: 0, coupons: keys, currency: .usd, refunded: 44_020 - 5_000,
                                         occurredAt: 1_800_010_000), coupons: coupons, source: "ev6")
        let entry = try #require(partial.entries.first)
        #expect(net(entry, .airTrafficLiability) == 40_000 && net(entry, .taxesHeld("US")) == 3_000)
        #expect(net(entry, .refundsPayable) == -39_020 && net(entry, .penaltyRevenue) == -5_000)
        #expect(partial.coupons.allSatisfy { $0.status == .refunded })
        // After the first flight, an airline-caused cancellation refunds the whole ticket: the flown leg is an expense.
        coupons[0].status = .flown
        let involuntary = try #require(rules.refund(.init(orderID: "ord_1", passengerPosition: 0, coupons: keys, currency: .usd, refunded: 44_020,
                                                          occurredAt: 1_800_010_000), coupons: coupons, source: "ev7").entries.first)
        #expect(net(involuntary, .airTrafficLiability) == 28_089 && net(involuntary, .involuntaryRefundExpense) == 11_911 + 1_910)
    }

    @Test func breakageTakesUnusedCouponsAtTheEndOfTheirValidity() throws {
        var coupons = rules.issue(ticket, replacing: [], source: "ev1").coupons
        coupons[1].status = .noShow
        let validUntil = coupons[0].validUntil
        #expect(rules.expire(coupons, at: validUntil - 1, source: "b").entries.isEmpty)
        let posting = rules.expire(coupons, at: validUntil, source: "b")
        #expect(posting.entries.count == 2 && posting.coupons.allSatisfy { $0.status == .expired })
        #expect(net(posting.entries[0], .breakageRevenue) == -11_911 && net(posting.entries[0], .taxesDue("US")) == -1_400)
        // A no-show's fare was earned already: only its held taxes move.
        #expect(net(posting.entries[1], .breakageRevenue) == 0 && net(posting.entries[1], .taxesDue("US")) == -1_600)
        #expect(PostingRules(policy: .init(recognizesBreakage: false)).expire(coupons, at: validUntil, source: "b").entries.isEmpty)
    }

    @Test func paymentsAndServices() throws {
        let capture = try #require(rules.payment(.init(orderID: "o", processor: "test", reference: "ch_1", isRefund: false,
                                                       amount: Money(minorUnits: 1_000, currency: .usd), occurredAt: 1), source: "p1").entries.first)
        #expect(net(capture, .cashClearing("test")) == 1_000 && net(capture, .salesReceivable) == -1_000 && capture.dimensions.paymentReference == "ch_1")
        let refund = try #require(rules.payment(.init(orderID: "o", processor: "test", reference: "re_1", isRefund: true,
                                                      amount: Money(minorUnits: 400, currency: .usd), occurredAt: 2), source: "p2").entries.first)
        #expect(net(refund, .refundsPayable) == 400 && net(refund, .cashClearing("test")) == -400)
        let bag = AccountingService(id: "b1", orderID: "o", passengerPosition: 0, segmentPosition: 0, kind: "checked_bag", amount: 3_500,
                                    currency: .usd, status: .active)
        let sale = rules.sell(.init(service: bag, occurredAt: 3), source: "s1")
        #expect(net(try #require(sale.entries.first), .unearnedAncillaries("checked_bag")) == -3_500)
        let refunded = try #require(rules.close(.init(serviceID: "b1", status: .refunded, refunded: 3_500, occurredAt: 4), service: bag, source: "s2").entries.first)
        #expect(net(refunded, .refundsPayable) == -3_500 && net(refunded, .penaltyRevenue) == 0)
        let forfeited = try #require(rules.close(.init(serviceID: "b1", status: .forfeited, refunded: 0, occurredAt: 4), service: bag, source: "s3").entries.first)
        #expect(net(forfeited, .penaltyRevenue) == -3_500)
        let replaced = try #require(rules.close(.init(serviceID: "b1", status: .replaced, refunded: 0, occurredAt: 4), service: bag, source: "s4").entries.first)
        #expect(net(replaced, .salesReceivable) == -3_500)
        var closed = bag
        closed.status = .refunded
        #expect(rules.close(.init(serviceID: "b1", status: .refunded, refunded: 3_500, occurredAt: 5), service: closed, source: "s5").entries.isEmpty)
    }
}
