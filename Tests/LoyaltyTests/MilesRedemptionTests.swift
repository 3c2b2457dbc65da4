import Accounting
@testable import Accounts
import Booking
import Foundation
@testable import Loyalty
import SQLKit
import SkyportApp
import SkyportContracts
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

/// Members pay with miles in the purchase itself: award seats from the chart (taxes by card), or miles towards a fare.
/// Miles leave at once, come back when the order is not made or is cancelled, and never pay twice; the books move
/// the miles' deferred value against what they paid, and the ledger's miles payments reconcile with the programme's.
@Suite struct MilesRedemptionTests {
    static let now = Int64(FixtureNetwork.now.timeIntervalSince1970)
    static let programme = LoyaltyProgramme.standard

    /// A member with `miles` in one lot, and the event that defers their value in the books.
    static func member(_ customerID: String, family: String, miles: Int, database: any Database) async throws -> LoyaltyProgrammeService.MemberView {
        try await database.transaction { sql in
            _ = try await CustomerStore.insert(id: customerID, email: "\(customerID)@example.com", passwordHash: "-", givenName: "Ada", familyName: family,
                                               language: nil, at: 1, on: sql)
        }
        let loyalty = LoyaltyProgrammeService(database: database, programme: programme, now: { now })
        let member = try await loyalty.enrol(customerID: customerID, givenName: "Ada", familyName: family, email: "\(customerID)@example.com")
        guard miles > 0 else { return member }
        let memberID = try await database.read { sql in try #require(try await MemberStore.member(customerID: customerID, on: sql)).id }
        try await database.transaction { sql in
            let balance = try #require(try await MemberStore.move(memberID, by: miles, at: now, on: sql))
            try await MilesStore.record(memberID: memberID, kind: .accrual, miles: miles, balanceAfter: balance, ticketNumber: nil, segmentPosition: nil,
                                        description: "Earlier flights", at: now, on: sql)
            let value = programme.deferredValue(ofMiles: miles)
            try await MilesStore.addLot(memberID: memberID, miles: miles, value: value, currency: "USD", earnedAt: now, expiresAt: now + 365 * 86_400, on: sql)
            try await Outbox.append(topic: .milesEarned, aggregateID: memberID, payload: MilesEarnedEvent(
                memberID: memberID, coupon: CouponReference(ticketNumber: "9990000000000", segmentPosition: 0), miles: miles, value: value,
                currency: "USD", earnedAt: now), on: sql, at: FixtureNetwork.now)
        }
        return try #require(try await loyalty.member(customerID: customerID))
    }

    static func code(_ body: () async throws -> Void) async -> String? {
        do { try await body(); return nil } catch let error as ServiceError { return error.code.rawValue } catch let failure as ValidationFailure {
            return failure.issues.first?.code.rawValue
        } catch { return "\(error)" }
    }

    static func order(_ offer: OfferView, miles: OrderInput.Miles?, card: String? = "4242424242424242") -> OrderInput {
        var input = BookingFixture.order(offerID: offer.id, card: card ?? "4242424242424242")
        input.payment = .init(card: card == nil ? nil : input.payment?.card, miles: miles)
        return input
    }

    /// What the programme's tables say about a member: balance, miles left in lots and their value.
    static func holdings(_ customerID: String, database: any Database) async throws -> (balance: Int, lots: Int, value: Int64) {
        try await database.read { sql in
            let member = try #require(try await MemberStore.member(customerID: customerID, on: sql))
            let lots = try await MilesStore.lots(memberID: member.id, on: sql)
            return (member.balance, lots.reduce(0) { $0 + $1.remaining }, lots.reduce(0) { $0 + $1.remaining_value })
        }
    }

    @Test(arguments: TestDatabases.engines)
    func awardsAndMilesTowardsFaresArePaidInThePurchaseAndComeBackWhenCancelled(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            let processor = MilesPaymentProcessor(database: database, now: { Self.now })
            let fixture = BookingFixture(database: database, miles: processor, loyalty: Self.programme)
            // The readers run a minute on: PostgreSQL's outbox readers wait out the holes the refused orders left.
            let poster = LoyaltyPoster(database: database, programme: Self.programme, logger: TestDatabases.logger, now: { Self.now + 60 })
            let ledger = LedgerPoster(database: database, rules: PostingRules(), logger: TestDatabases.logger, now: { Self.now + 60 })
            let books = RevenueLedger(database: database, now: { Self.now })
            let ada = try await Self.member("cus_ada", family: "Lovelace", miles: 40_000, database: database)
            let grace = try await Self.member("cus_grace", family: "Hopper", miles: 0, database: database)
            let number = ada.membershipNumber

            // The search shows the basic fare's award: the chart's miles for 2,475 miles flown, and the per-flight fees in cash.
            let offers = try await fixture.shopping.search(BookingFixture.search()).offers
            let basic = try #require(offers.first { $0.fareBrand == "basic" && $0.slices[0].segments[0].bookingClass == "V" })
            let award = try #require(basic.award)
            #expect(award.miles == 17_500 && award.cashAmount == "15.40" && award.cashCurrency == "USD")
            #expect(offers.filter { $0.fareBrand != "basic" }.allSatisfy { $0.award == nil })

            // Refusals change nothing: a guest, another member's account, too few miles, miles out of step.
            #expect(await Self.code { _ = try await fixture.orders.create(Self.order(basic, miles: .init(membershipNumber: number, award: true)),
                                                                          idempotencyKey: nil, requestHash: "a") } == "miles_need_sign_in")
            #expect(await Self.code { _ = try await fixture.orders.create(Self.order(basic, miles: .init(membershipNumber: number, award: true)),
                                                                          idempotencyKey: nil, requestHash: "b", customerID: "cus_grace") } == "membership_not_yours")
            let flex = try #require(offers.first { $0.fareBrand == "flex" })
            #expect(await Self.code { _ = try await fixture.orders.create(Self.order(flex, miles: .init(membershipNumber: number, amount: 1_500)),
                                                                          idempotencyKey: nil, requestHash: "c", customerID: "cus_ada") } == "invalid_miles")
            #expect(await Self.code { _ = try await fixture.orders.create(Self.order(flex, miles: .init(membershipNumber: grace.membershipNumber, amount: 1_000)),
                                                                          idempotencyKey: nil, requestHash: "d", customerID: "cus_grace") } == "insufficient_miles")
            #expect(await Self.code { _ = try await fixture.orders.create(Self.order(basic, miles: .init(membershipNumber: number, award: true), card: nil),
                                                                          idempotencyKey: nil, requestHash: "e", customerID: "cus_ada") } == "payment_required")
            #expect(await Self.code { _ = try await fixture.orders.create(Self.order(flex, miles: .init(membershipNumber: "1234567890", amount: 1_000)),
                                                                          idempotencyKey: nil, requestHash: "f", customerID: "cus_ada") } == "invalid_membership_number")
            // A card declined for the taxes: the miles taken before the order are given back.
            #expect(await Self.code { _ = try await fixture.orders.create(Self.order(basic, miles: .init(membershipNumber: number, award: true),
                                                                                     card: "4000000000000002"),
                                                                          idempotencyKey: nil, requestHash: "g", customerID: "cus_ada") } == "card_declined")
            #expect(try await Self.holdings("cus_ada", database: database) == (40_000, 40_000, Self.programme.deferredValue(ofMiles: 40_000)))
            let (sold, inOrders) = try await fixture.seatLedger()
            #expect(sold == 0 && inOrders == 0)

            // The award: booked in X, the fare paid by 17,500 miles, the taxes by card.
            let awarded = try await fixture.orders.create(Self.order(basic, miles: .init(membershipNumber: number, award: true)), idempotencyKey: nil,
                                                          requestHash: "h", customerID: "cus_ada").order
            #expect(awarded.award && awarded.slices[0].segments[0].bookingClass == "X" && awarded.slices[0].segments[0].fareBasis == "XAWARD")
            #expect(awarded.milesSpent == 17_500 && awarded.conditions.refundable && !awarded.conditions.changeable)
            // The fare is worth what its miles carry in the books: 17,500 at 1.2 cents.
            #expect(awarded.baseAmount == "210.00" && awarded.taxAmount == "15.40")
            let paidByMiles = try #require(awarded.payments.first { $0.miles != nil })
            #expect(paidByMiles.amount == awarded.baseAmount && paidByMiles.miles == 17_500 && paidByMiles.cardBrand == "miles")
            #expect(awarded.payments.first { $0.miles == nil }?.amount == awarded.taxAmount)
            #expect(try await Self.holdings("cus_ada", database: database).balance == 22_500)

            // Miles towards the flex fare: 5,000 miles pay 50.00, the card the rest.
            let part = try await fixture.orders.create(Self.order(flex, miles: .init(membershipNumber: number, amount: 5_000)), idempotencyKey: "part-1",
                                                       requestHash: "i", customerID: "cus_ada").order
            // A retry with the same key is the same order, and takes no miles again.
            let retried = try await fixture.orders.create(Self.order(flex, miles: .init(membershipNumber: number, amount: 5_000)), idempotencyKey: "part-1",
                                                          requestHash: "i", customerID: "cus_ada")
            #expect(retried.replayed && retried.order.id == part.id)
            #expect(try await Self.holdings("cus_ada", database: database).balance == 17_500)
            #expect(!part.award && part.milesSpent == 5_000)
            let cardPaid = try #require(part.payments.first { $0.miles == nil })
            #expect(Money(decimalString: cardPaid.amount, currency: .usd)!.minorUnits == Money(decimalString: part.totalAmount, currency: .usd)!.minorUnits - 5_000)
            let loyalty = LoyaltyProgrammeService(database: database, programme: Self.programme, now: { Self.now })
            let statement = try await loyalty.statement(customerID: "cus_ada")
            #expect(statement.map(\.kind.rawValue).sorted() == ["accrual", "redemption", "redemption", "redemption", "return"])
            #expect(statement.contains { $0.kind == .milesReturn && $0.description.hasPrefix("Booking not made") && $0.miles == 17_500 })
            #expect(statement.contains { $0.kind == .redemption && $0.description == "Award JFK–LAX \(FixtureNetwork.travelDay.iso)" })

            // Awards cannot be changed; cancelling one refunds the taxes to the card and the miles to the account.
            #expect(await Self.code { _ = try await fixture.voluntaryChanges.offers(.init(orderId: awarded.id, slices: .init(
                remove: [.init(flightId: awarded.slices[0].segments[0].flightId)], add: [.init(departureDate: FixtureNetwork.travelDay.iso)]))) }
                    == "fare_not_changeable")
            let quote = try await fixture.cancellations.quote(orderID: awarded.id)
            #expect(quote.refundAmount == awarded.totalAmount)
            _ = try await fixture.cancellations.confirm(cancellationID: quote.id)
            let cancelled = try #require(try await fixture.repository.find(id: awarded.id))
            #expect(cancelled.payments.filter { $0.type == "refund" }.map(\.amount).sorted() == [awarded.baseAmount, awarded.taxAmount].sorted())
            // The miles come back when the programme reads the refund, once however often it is delivered.
            #expect(try await Self.holdings("cus_ada", database: database).balance == 17_500)
            while try await poster.readBatch() > 0 {}
            let after = try await Self.holdings("cus_ada", database: database)
            #expect(after.balance == 35_000 && after.lots == 35_000 && after.value == Self.programme.deferredValue(ofMiles: 40_000)
                    - Self.programme.deferredValue(ofMiles: 40_000) * 5_000 / 40_000)
            try await database.transaction { sql in try await sql.raw("DELETE FROM consumer_cursors WHERE consumer = 'loyalty'").run() }
            while try await poster.readBatch() > 0 {}
            #expect(try await Self.holdings("cus_ada", database: database).balance == 35_000)

            // The books: the miles' cash clearing nets to nil, the deferred revenue is what the lots still carry, and
            // every payment with miles in the ledger is one the programme lists.
            while try await ledger.postBatch() > 0 {}
            #expect(try await books.trialBalance().balanced)
            let liability = try #require(try await books.airTrafficLiability().currencies.first)
            #expect(liability.loyaltyDeferred == after.value && liability.milesOutstanding == 35_000 && liability.difference == 0)
            let trial = try await books.trialBalance()
            #expect((trial.accounts.first { $0.account == LedgerAccount.cashClearing("miles").code }?.balance ?? 0) == 0)
            // The award released exactly what it is worth; the 5,000 miles towards the flex fare paid 50.00 and carried 60.00.
            #expect(trial.accounts.first { $0.kind == "loyalty_revenue" }?.balance == 1_000)
            let reconciliation = try await books.reconcile(with: MilesSettlements(processor: processor))
            #expect(reconciliation.reconciled && reconciliation.ledgerCaptures == Money(decimalString: awarded.baseAmount, currency: .usd)!.minorUnits + 5_000)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func concurrentPaymentsNeverSpendTheSameMilesTwice(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            let processor = MilesPaymentProcessor(database: database, now: { Self.now })
            let fixture = BookingFixture(database: database, miles: processor, loyalty: Self.programme)
            let ada = try await Self.member("cus_ada", family: "Lovelace", miles: 40_000, database: database)
            let basic = try #require(try await fixture.shopping.search(BookingFixture.search()).offers.first { $0.award != nil })

            // Eight awards of 17,500 miles at once against 40,000: two are made, the others are refused for miles.
            let outcomes = await withTaskGroup(of: String.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        await Self.code {
                            _ = try await fixture.orders.create(Self.order(basic, miles: .init(membershipNumber: ada.membershipNumber, award: true)),
                                                                idempotencyKey: nil, requestHash: "\(index)", customerID: "cus_ada")
                        } ?? "made"
                    }
                }
                return await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == "made" }.count == 2 && outcomes.filter { $0 == "insufficient_miles" }.count == 6)
            #expect(try await Self.holdings("cus_ada", database: database) == (5_000, 5_000, Self.programme.deferredValue(ofMiles: 40_000) - 2 * 21_000))

            // Straight at the processor: twelve payments of 1,000 miles against 5,000.
            let captured = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<12 {
                    group.addTask {
                        let source = PaymentSource.miles(MilesAccount(membershipNumber: ada.membershipNumber, customerID: "cus_ada", miles: 1_000, memo: "test"))
                        return (try? await processor.capture(amount: Money(minorUnits: 1_000, currency: .usd), from: source, idempotencyKey: "k\(index)")) != nil
                    }
                }
                return await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            #expect(captured == 5)
            let spent = try await database.read { sql in
                try await sql.raw("SELECT CAST(COALESCE(SUM(miles), 0) AS BIGINT) AS n FROM loyalty_redemptions WHERE status = 'captured'").first()!
                    .decode(column: "n", as: Int.self)
            }
            let left = try await Self.holdings("cus_ada", database: database)
            #expect(spent == 40_000 && left == (0, 0, 0))
        }
    }
}
