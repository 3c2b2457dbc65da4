import Foundation
import SkyportDomain
import Testing

/// Spending miles: the award chart, miles towards fares, the award classes' place in the nesting, and where miles
/// given back go.
@Suite struct RedemptionRulesTests {
    let redemption = MilesRedemption.standard

    @Test func theAwardChartPricesByDistanceCabinAndPassenger() {
        // Each band's upper edge belongs to it.
        for (distance, economy, business) in [(187, 7_500, 15_000), (500, 7_500, 15_000), (501, 12_500, 25_000), (1_745, 17_500, 40_000),
                                              (2_475, 17_500, 40_000), (4_983, 25_000, 60_000), (6_000, 35_000, 80_000)] {
            #expect(redemption.awardMiles(distanceMiles: distance, cabin: .economy, passenger: .adult) == economy, "\(distance)")
            #expect(redemption.awardMiles(distanceMiles: distance, cabin: .business, passenger: .adult) == business, "\(distance)")
        }
        #expect(redemption.awardMiles(distanceMiles: 2_475, cabin: .economy, passenger: .child) == 13_125)
        #expect(redemption.awardMiles(distanceMiles: 2_475, cabin: .economy, passenger: .infantWithoutSeat) == 1_750)
        // A round trip for two adults and a child, one leg short.
        #expect(redemption.awardMiles(passengers: [.adult, .adult, .child], distances: [2_475, 187], cabin: .economy)
                == 2 * (17_500 + 7_500) + 13_125 + 5_625)
    }

    /// An award's fare is worth its miles' deferred value; the cash is the per-flight fees, which a lap infant does not pay.
    @Test func anAwardIsWorthWhatItsMilesCarryAndOnlyTheFeesArePaidInCash() {
        let award = LoyaltyProgramme.standard.awardPricing(passengers: [.adult, .child, .infantWithoutSeat], distances: [2_475, 187], cabin: .economy,
                                                           pricing: FarePricing())
        #expect(award.miles == 17_500 + 7_500 + 13_125 + 5_625 + 1_750 + 750)
        #expect(award.fares.fares[0].map(\.base.minorUnits) == [21_000, 9_000] && award.fares.fares[1].map(\.base.minorUnits) == [15_750, 6_750])
        #expect(award.fares.fares[2].map(\.base.minorUnits) == [2_100, 900] && award.fares.fares[2].allSatisfy { $0.taxes.isEmpty })
        #expect(award.fares.fares[0][0].taxes.map(\.code) == ["ZP", "AY", "XF"] && award.fares.fares[0][0].taxTotal.minorUnits == 1_540)
        #expect(award.fares.base.minorUnits == LoyaltyProgramme.standard.deferredValue(ofMiles: award.miles))
        #expect(award.fares.taxes.minorUnits == 4 * 1_540)
    }

    @Test func milesTowardsAFarePayACentEachInStepsAndNeverTheTaxes() {
        #expect(redemption.paymentValue(ofMiles: 5_000) == 5_000)
        #expect(redemption.partPaymentProblem(miles: 5_000, base: 5_000) == nil)
        #expect(redemption.partPaymentProblem(miles: 6_000, base: 5_999) != nil)
        #expect(redemption.partPaymentProblem(miles: 1_500, base: 90_000) != nil)
        #expect(redemption.partPaymentProblem(miles: 0, base: 90_000) != nil && redemption.partPaymentProblem(miles: -1_000, base: 90_000) != nil)
        let odd = MilesRedemption(awardChart: redemption.awardChart, childPercent: 75, infantPercent: 10, paymentValuePerThousandMiles: 1_333,
                                  paymentStepMiles: 500)
        #expect(odd.paymentValue(ofMiles: 1_500) == 1_999)   // rounded down: never more cash off than the miles are worth
    }

    @Test func aConfigWithABrokenChartIsRefusedWithItsReasons() {
        #expect(redemption.problems.isEmpty && LoyaltyProgramme.standard.problems.isEmpty)
        let broken = MilesRedemption(awardChart: [.init(upToMiles: 1_500, economy: 12_500, business: 25_000), .init(upToMiles: 500, economy: 0, business: 1)],
                                     childPercent: 120, infantPercent: 10, paymentValuePerThousandMiles: 0, paymentStepMiles: 1_000)
        #expect(broken.problems.count == 5)
        let earningAwards = LoyaltyProgramme(earningPercent: ["X": 25], minimumMilesPerFlight: 500, tiers: LoyaltyProgramme.standard.tiers, expiryMonths: 36,
                                             retroClaimDays: 180, deferredValuePerThousandMiles: 1_200)
        #expect(earningAwards.problems == ["earning_percent: award classes earn nothing"])
    }

    @Test func aProgrammeFileWithoutRedemptionGetsTheStandardChart() throws {
        var object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(LoyaltyProgramme.standard)) as? [String: Any])
        object["redemption"] = nil
        let older = try JSONDecoder().decode(LoyaltyProgramme.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(older == .standard)
    }

    @Test func awardSeatsAreNestedBelowTheCheapestClassWithALimitOfTheirOwn() {
        let award = FareLadder.award(in: .economy), cheapest = FareLadder.economy[0]
        #expect(FareLadder.bookingClass("X", in: .economy) == award && FareLadder.bookingClass("I", in: .business) == FareLadder.awardBusiness)
        #expect(FareLadder.bookingClass("X", in: .business) == nil && !FareLadder.classes(in: .economy).contains(award))
        #expect(FareBasis.code(for: award) == "XAWARD")
        // By the load-factor rule: 40 % of the cabin.
        #expect(SeatAvailability(capacity: 100, sold: 39).available(in: award) == 1 && SeatAvailability(capacity: 100, sold: 40).available(in: award) == 0)
        // Its own limit, never above the cheapest class's: closing V closes X.
        #expect(SeatAvailability(capacity: 100, sold: 10, limits: ["X": 12]).available(in: award) == 2)
        #expect(SeatAvailability(capacity: 100, sold: 10, limits: ["X": 60, "V": 20]).available(in: award) == 10)
        #expect(SeatAvailability(capacity: 100, sold: 10, limits: ["X": 60, "Y": 10]).available(in: award) == 0)
        #expect(SeatAvailability(capacity: 100, sold: 10, limits: ["V": 10]).available(in: cheapest) == 0)
        // Awards are refundable for their miles and never changed.
        #expect(FareConditions.of(brand: .basic, bookingClasses: ["X"], currency: .usd) == .award)
        #expect(FareConditions.of(brand: .basic, bookingClasses: ["V"], currency: .usd) == FareBrand.basic.conditions(currency: .usd))
    }

    @Test func milesGivenBackReturnToTheLotsThatExpireLastWithTheirValue() throws {
        var lots = MilesLots([.init(id: "a", expiresAt: 100, remaining: 3_000, remainingValue: 3_600),
                              .init(id: "b", expiresAt: 200, remaining: 5_000, remainingValue: 6_000)])
        let redeemed = lots.redeem(6_000, at: 50)
        let takes = try #require(redeemed)
        #expect(takes == [.init(lotID: "a", miles: 3_000, value: 3_600), .init(lotID: "b", miles: 3_000, value: 3_600)])
        var drawn = takes.map { MilesLots.Drawn(lotID: $0.lotID, expiresAt: $0.lotID == "a" ? 100 : 200, miles: $0.miles, value: $0.value,
                                                returnedMiles: 0, returnedValue: 0) }
        // A part first: to the lot that lasts longest.
        let part = try #require(MilesLots.giveBack(1_000, to: drawn))
        #expect(part == [.init(lotID: "b", miles: 1_000, value: 1_200)])
        drawn[1] = .init(lotID: "b", expiresAt: 200, miles: 3_000, value: 3_600, returnedMiles: 1_000, returnedValue: 1_200)
        // The rest: every mile and every cent of value back, however the parts were rounded.
        let rest = try #require(MilesLots.giveBack(5_000, to: drawn))
        #expect(rest == [.init(lotID: "b", miles: 2_000, value: 2_400), .init(lotID: "a", miles: 3_000, value: 3_600)])
        #expect(MilesLots.giveBack(5_001, to: drawn) == nil)
    }

    @Test func payingWithMilesMovesTheirDeferredValueAgainstWhatTheyPaid() {
        let rules = PostingRules()
        let paid = SalesDocument.MilesPayment(memberID: "m", processor: "miles", reference: "mls1", miles: 17_500, paymentValue: 19_900,
                                              deferredValue: 21_000, currency: .usd, isReturn: false, occurredAt: 1)
        let entry = rules.payWithMiles(paid, source: "e1").entries[0]
        #expect(entry.kind == .milesRedeemed && entry.dimensions.miles == 17_500)
        #expect(entry.lines.first { $0.account == .loyaltyDeferred }?.debit == 21_000)
        #expect(entry.lines.first { $0.account == .cashClearing("miles") }?.credit == 19_900)
        #expect(entry.lines.first { $0.account == .loyaltyRevenue }?.credit == 1_100)
        // Miles worth less in the books than they paid: the shortfall is a debit to loyalty revenue.
        let dear = SalesDocument.MilesPayment(memberID: "m", processor: "miles", reference: "mrf1", miles: 1_000, paymentValue: 1_300, deferredValue: 1_200,
                                              currency: .usd, isReturn: true, occurredAt: 2)
        let back = rules.payWithMiles(dear, source: "e2").entries[0]
        #expect(back.kind == .milesReturned)
        #expect(back.lines.first { $0.account == .cashClearing("miles") }?.debit == 1_300)
        #expect(back.lines.first { $0.account == .loyaltyDeferred }?.net == -1_200)
        #expect(back.lines.first { $0.account == .loyaltyRevenue }?.net == -100)
    }
}
