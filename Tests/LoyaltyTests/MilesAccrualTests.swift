import Accounting
@testable import Accounts
import Booking
import Foundation
import Loyalty
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

/// Members earn miles when the booking engine records their flight as flown, claim trips flown before they joined,
/// reach tiers at their thresholds and lose miles at expiry; revenue accounting defers the miles' value from the fare
/// and earns it when they expire.
@Suite struct MilesAccrualTests {
    static let flight = "20261202-UA100-JFKLAX"
    static let checkInTime = FixtureNetwork.now.addingTimeInterval(14 * 3600)
    static let departure = Int64(checkInTime.timeIntervalSince1970) + 11 * 3600

    /// Silver after one long flight, and miles that last a month, so that a test sees a tier change and an expiry.
    static let programme = LoyaltyProgramme(
        earningPercent: LoyaltyProgramme.standard.earningPercent, minimumMilesPerFlight: 500,
        tiers: [LoyaltyProgramme.standard.tiers[0],
                .init(name: "silver", qualifyingMiles: 2_000, qualifyingSegments: 30, bonusPercent: 25, extraBags: 1, lounge: false)],
        expiryMonths: 1, retroClaimDays: 30, deferredValuePerThousandMiles: 1_200)

    static func buy(_ fixture: BookingFixture, family: String, customerID: String?) async throws -> OrderView {
        let offers = try await fixture.shopping.search(BookingFixture.search(date: LocalDate(year: 2026, month: 12, day: 2)!)).offers
        let offer = try #require(offers.first { $0.fareBrand == "flex" && $0.slices[0].segments[0].flightId == flight })
        return try await fixture.orders.create(BookingFixture.order(offerID: offer.id, passengers: [.adult], familyName: family), idempotencyKey: nil,
                                               requestHash: UUID().uuidString, customerID: customerID).order
    }

    static func code(_ body: () async throws -> Void) async -> String? {
        do { try await body(); return nil } catch let error as ServiceError { return error.code.rawValue } catch { return "\(error)" }
    }

    @Test(arguments: TestDatabases.engines)
    func flownFlightsEarnMilesTiersMoveClaimsCreditOnceAndMilesExpireWithTheirValue(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let clock = MovableClock(FixtureNetwork.now)
            let loyalty = LoyaltyProgrammeService(database: database, programme: Self.programme, now: { clock.seconds })
            let poster = LoyaltyPoster(database: database, programme: Self.programme, logger: TestDatabases.logger, now: { clock.seconds })
            let ledger = LedgerPoster(database: database, rules: PostingRules(), logger: TestDatabases.logger, now: { clock.seconds })
            let books = RevenueLedger(database: database, now: { clock.seconds })

            try await database.transaction { sql in
                for (id, given, family) in [("cus_ada", "Ada", "Lovelace"), ("cus_grace", "Grace", "Hopper"), ("cus_alan", "Alan", "Turing")] {
                    _ = try await CustomerStore.insert(id: id, email: "\(given.lowercased())@example.com", passwordHash: "-", givenName: given, familyName: family,
                                                   language: nil, at: 1, on: sql)
                }
            }
            let ada = try await loyalty.enrol(customerID: "cus_ada", givenName: "Ada", familyName: "Lovelace", email: "ada@example.com")
            #expect(MembershipNumber(ada.membershipNumber) != nil && ada.tier.name == "blue" && ada.balance == 0)
            #expect(await Self.code { _ = try await loyalty.enrol(customerID: "cus_ada", givenName: "Ada", familyName: "Lovelace", email: "a@x.com") }
                    == "already_member")
            let flown = try await Self.buy(fixture, family: "Lovelace", customerID: "cus_ada")
            let missed = try await Self.buy(fixture, family: "Lovelace", customerID: "cus_ada")
            let guest = try await Self.buy(fixture, family: "Hopper", customerID: nil)
            let alan = try await Self.buy(fixture, family: "Turing", customerID: nil)

            // Ada and the guest board; Ada's second booking is a no-show.
            let gate = BookingFixture(database: database, now: Self.checkInTime)
            for order in [flown, guest, alan] {
                for pass in try await gate.checkIn.checkIn(orderID: order.id, input: .init(flightId: Self.flight)).boardingPasses {
                    _ = try await gate.checkIn.scan(.init(barcode: pass.barcode, flightId: Self.flight), operator: "gate")
                }
            }
            try await database.transaction { sql in _ = try await FlightCoupons.recordDeparture(of: Self.flight, at: Self.departure, actor: "ops", on: sql) }
            clock.set(Date(timeIntervalSince1970: TimeInterval(Self.departure + 3_600)))
            while try await poster.readBatch() > 0 {}

            let bookingClass = flown.slices[0].segments[0].bookingClass
            let earned = Self.programme.baseMiles(distanceMiles: 2_475, bookingClass: bookingClass)
            #expect(earned > 0)
            let member = try #require(try await loyalty.member(customerID: "cus_ada"))
            // One flight: its miles, no bonus (blue when flying), and silver reached with it.
            #expect(member.balance == earned && member.qualifyingMiles == earned && member.qualifyingSegments == 1)
            #expect(member.tier.name == "silver" && member.tier.extraBags == 1)
            // Silver's benefit applies at booking: a basic fare (no bag of its own) from her account includes one bag.
            let silver = BookingFixture(database: database, benefits: loyalty)
            let basic = try #require(try await silver.shopping.search(BookingFixture.search()).offers.first { $0.fareBrand == "basic" })
            var withBag = BookingFixture.order(offerID: basic.id, familyName: "Lovelace")
            withBag.bags = [.init(passengerIndex: 0, flightId: basic.slices[0].segments[0].flightId, quantity: 2)]
            let benefited = try await silver.orders.create(withBag, idempotencyKey: nil, requestHash: "silver", customerID: "cus_ada").order
            #expect(benefited.memberBenefits == MemberBenefits(tier: "silver", extraBags: 1, lounge: false) && benefited.includedCheckedBags == 1)
            // Bags bought are on top of the allowance: hers are the second and third, a guest's the first and second.
            #expect(benefited.services.filter { $0.type == .checkedBag }.map(\.totalAmount) == ["45.00", "150.00"])
            let guestBags = try await silver.orders.create(withBag, idempotencyKey: nil, requestHash: "guest").order
            #expect(guestBags.memberBenefits == nil && guestBags.includedCheckedBags == 0)
            #expect(guestBags.services.filter { $0.type == .checkedBag }.map(\.totalAmount) == ["35.00", "45.00"])
            let statement = try await loyalty.statement(customerID: "cus_ada")
            #expect(statement.map(\.kind) == [.accrual] && statement[0].ticketNumber == flown.passengers[0].ticketNumber)
            #expect(statement[0].description.contains("JFK–LAX") && statement[0].balanceAfter == earned)
            _ = missed

            // The books: the miles' value moved from the flown coupon's revenue to deferred revenue.
            while try await ledger.postBatch() > 0 {}
            let liability = try #require(try await books.airTrafficLiability().currencies.first)
            #expect(liability.loyaltyDeferred == Self.programme.deferredValue(ofMiles: earned) && liability.milesOutstanding == earned)
            let balanced = try await books.trialBalance().balanced
            #expect(liability.difference == 0 && balanced)

            // The guest joins after flying and claims the trip by ticket number, once; in someone else's name it is refused.
            _ = try await loyalty.enrol(customerID: "cus_grace", givenName: "Grace", familyName: "Hopper", email: "grace@example.com")
            let ticket = guest.passengers[0].ticketNumber
            #expect(await Self.code { _ = try await loyalty.claim(customerID: "cus_ada", ticketNumber: ticket) } == "claim_name_mismatch")
            #expect(await Self.code { _ = try await loyalty.claim(customerID: "cus_grace", ticketNumber: "12345") } == "invalid_ticket_number")
            #expect(await Self.code { _ = try await loyalty.claim(customerID: "cus_grace", ticketNumber: missed.passengers[0].ticketNumber) } == "claim_not_found")
            #expect(try await loyalty.claim(customerID: "cus_grace", ticketNumber: ticket) == earned)
            #expect(await Self.code { _ = try await loyalty.claim(customerID: "cus_grace", ticketNumber: ticket) } == "claim_already_credited")
            #expect(try await loyalty.statement(customerID: "cus_grace").map(\.kind) == [.retroClaim])
            #expect(try await loyalty.lookup(number: try #require(try await loyalty.member(customerID: "cus_grace")).printedNumber).member.balance == earned)
            #expect(await Self.code { _ = try await loyalty.lookup(number: "1234567890") } == "invalid_membership_number")

            // A month on, the miles expire: the balance goes to nil and their deferred value is earned.
            clock.set(Date(timeIntervalSince1970: TimeInterval(Self.departure + 40 * 86_400)))
            #expect(try await poster.expireBatch() == 2)
            #expect(try await loyalty.member(customerID: "cus_ada")?.balance == 0)
            #expect(try await loyalty.statement(customerID: "cus_ada").first?.kind == .expiry)
            while try await ledger.postBatch() > 0 {}
            let after = try #require(try await books.airTrafficLiability().currencies.first)
            #expect(after.loyaltyDeferred == 0 && after.milesOutstanding == 0)
            let trial = try await books.trialBalance()
            #expect(trial.accounts.first { $0.kind == "loyalty_revenue" }?.balance == 2 * Self.programme.deferredValue(ofMiles: earned))
            // Past the 30-day window, a trip can no longer be claimed.
            _ = try await loyalty.enrol(customerID: "cus_alan", givenName: "Alan", familyName: "Turing", email: "alan@example.com")
            #expect(await Self.code { _ = try await loyalty.claim(customerID: "cus_alan", ticketNumber: alan.passengers[0].ticketNumber) } == "claim_too_late")
        }
    }
}
