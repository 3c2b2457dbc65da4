import Foundation
import SkyportDomain
import Testing

@Suite struct LoyaltyRulesTests {
    let programme = LoyaltyProgramme.standard

    @Test func membershipNumbersCarryALuhnCheckDigit() throws {
        // The textbook Luhn example: 123456789 takes 7.
        #expect(MembershipNumber(serial: 123_456_789).digits == "1234567897")
        #expect(MembershipNumber(serial: 1).digits == "0000000018")
        #expect(MembershipNumber("123 456 789 7")?.digits == "1234567897" && MembershipNumber("123-456-7897") != nil)
        #expect(MembershipNumber("1234567896") == nil && MembershipNumber("123456789") == nil && MembershipNumber("12345678９7") == nil)
        #expect(MembershipNumber(serial: 123_456_789).description == "123 456 789 7")
        // Every single-digit slip is caught.
        let number = Array(MembershipNumber(serial: 987_654_321).digits)
        for index in number.indices {
            for digit in "0123456789" where digit != number[index] {
                var typo = number
                typo[index] = digit
                #expect(MembershipNumber(String(typo)) == nil)
            }
        }
    }

    /// The published table, JFK-LAX (2,475 miles) in each class, and a short hop at the minimum.
    @Test func accrualFollowsThePublishedTable() {
        let jfkLax = ["J": 3_712, "C": 3_093, "D": 3_093, "Y": 2_475, "B": 2_475, "M": 1_856, "H": 1_856, "Q": 1_237, "V": 618]
        for (bookingClass, miles) in jfkLax { #expect(programme.baseMiles(distanceMiles: 2_475, bookingClass: bookingClass) == miles, "\(bookingClass)") }
        #expect(programme.baseMiles(distanceMiles: 187, bookingClass: "M") == 500)
        #expect(programme.baseMiles(distanceMiles: 187, bookingClass: "V") == 500)
        #expect(programme.baseMiles(distanceMiles: 2_475, bookingClass: "Z") == 0)
        let silver = programme.tiers[1], platinum = programme.tiers[3]
        #expect(programme.bonusMiles(1_856, tier: silver) == 464 && programme.bonusMiles(1_856, tier: platinum) == 1_856)
        #expect(programme.deferredValue(ofMiles: 2_475) == 2_970)   // 2,475 × 1.2 cents = 29.70
    }

    @Test func tiersChangeAtTheirThresholdsAndAreKeptAYear() {
        #expect(programme.tier(thisYear: (24_999, 29), lastYear: (0, 0)).name == "blue")
        #expect(programme.tier(thisYear: (25_000, 0), lastYear: (0, 0)).name == "silver")
        #expect(programme.tier(thisYear: (0, 30), lastYear: (0, 0)).name == "silver")
        #expect(programme.tier(thisYear: (49_999, 59), lastYear: (0, 0)).name == "silver")
        #expect(programme.tier(thisYear: (50_000, 0), lastYear: (0, 0)).name == "gold")
        #expect(programme.tier(thisYear: (100, 1), lastYear: (80_000, 0)).name == "platinum")
        #expect(programme.tiers.map(\.extraBags) == [0, 1, 1, 2] && programme.tiers.map(\.lounge) == [false, false, true, true])
    }

    @Test func redemptionsTakeTheSoonestLotsAndNeverMoreThanTheBalance() throws {
        var lots = MilesLots([.init(id: "b", expiresAt: 300, remaining: 1_000, remainingValue: 1_200),
                              .init(id: "a", expiresAt: 200, remaining: 500, remainingValue: 600),
                              .init(id: "old", expiresAt: 50, remaining: 700, remainingValue: 840)])
        #expect(lots.balance(at: 100) == 1_500)
        #expect(lots.redeem(1_501, at: 100) == nil && lots.balance(at: 100) == 1_500)
        let redeemed = lots.redeem(800, at: 100)
        let takes = try #require(redeemed)
        #expect(takes == [.init(lotID: "a", miles: 500, value: 600), .init(lotID: "b", miles: 300, value: 360)])
        #expect(lots.balance(at: 100) == 700)
        let expired = lots.expire(at: 300)
        #expect(expired == [.init(lotID: "old", miles: 700, value: 840), .init(lotID: "b", miles: 700, value: 840)])
        #expect(lots.balance(at: 0) == 0)
    }

    @Test func theShippedProgrammeFileIsTheStandardOneAndBadFilesSayWhy() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../config/loyalty.json")
        let shipped = try JSONDecoder().decode(LoyaltyProgramme.self, from: Data(contentsOf: url))
        #expect(shipped == .standard && shipped.problems.isEmpty)
        let broken = LoyaltyProgramme(earningPercent: ["y": 100, "M": -5], minimumMilesPerFlight: 500,
                                      tiers: [programme.tiers[1], programme.tiers[0]], expiryMonths: 0, retroClaimDays: 180,
                                      deferredValuePerThousandMiles: 1_200)
        #expect(broken.problems == ["earning_percent: 0 to 1000 per class", "earning_percent: classes are one capital letter",
                                    "tiers: the first tier is everyone's (0 miles, 0 segments)",
                                    "tiers: each tier needs more miles and segments than the one before", "expiry_months: 1 to 240"])
    }

    @Test func monthsAreAddedOnTheCalendar() {
        #expect(LocalDate(year: 2027, month: 1, day: 31)!.adding(months: 1).iso == "2027-02-28")
        #expect(LocalDate(year: 2028, month: 1, day: 31)!.adding(months: 1).iso == "2028-02-29")
        #expect(LocalDate(year: 2026, month: 12, day: 8)!.adding(months: 36).iso == "2029-12-08")
        #expect(LocalDate(year: 2026, month: 3, day: 15)!.adding(months: -3).iso == "2025-12-15")
    }

    @Test func milesDeferPartOfTheFareUntilTheyExpire() throws {
        let rules = PostingRules()
        let coupon = AccountingCoupon(ticketNumber: "1", number: 1, orderID: "o", passengerPosition: 0, segmentPosition: 0, flightID: "f", origin: "JFK",
                                      destination: "LAX", flightDate: "2027-01-10", cabin: "economy", bookingClass: "M", distanceMiles: 2_475,
                                      currency: .usd, value: 30_000, taxes: [], status: .flown, validUntil: 0)
        let earned = try #require(rules.earn(.init(memberID: "m", coupon: .init(ticketNumber: "1", segmentPosition: 0), miles: 1_856, value: 223,
                                                   currency: .usd, occurredAt: 1), coupon: coupon, source: "e").entries.first)
        #expect(earned.kind == .milesIssued && earned.dimensions.miles == 1_856 && earned.dimensions.route == "JFK-LAX")
        #expect(earned.lines.first { $0.account == .passengerRevenue(cabin: "economy", routeGroup: .longHaul) }?.net == 223)
        #expect(earned.lines.first { $0.account == .loyaltyDeferred }?.net == -223)
        let expired = try #require(rules.expireMiles(.init(memberID: "m", coupon: nil, miles: 1_856, value: 223, currency: .usd, occurredAt: 2),
                                                     source: "x").entries.first)
        #expect(expired.lines.first { $0.account == .loyaltyRevenue }?.net == -223 && expired.lines.first { $0.account == .loyaltyDeferred }?.net == 223)
    }
}
