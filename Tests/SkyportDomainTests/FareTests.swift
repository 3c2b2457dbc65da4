import Testing
@testable import SkyportDomain
import SkyportTestSupport

@Suite struct FareTests {
    let pricing = FarePricing()

    @Test func lowestFaresFollowTheDistanceFormula() {
        // USD 39 + 0.08 x 2475 = 237.00
        #expect(pricing.cabinFloor(cabin: .economy, distanceMiles: 2475).minorUnits == 23_700)
        // USD 39 + 0.08 x 187 = 53.96 -> 54.00
        #expect(pricing.cabinFloor(cabin: .economy, distanceMiles: 187).minorUnits == 5_400)
        #expect(pricing.cabinFloor(cabin: .business, distanceMiles: 2475).minorUnits == 94_800)
    }

    @Test func classesClimbTheLadder() {
        let prices = FareLadder.economy.map { pricing.adultBase(bookingClass: $0, distanceMiles: 2475).minorUnits }
        #expect(prices == prices.sorted())
        #expect(Set(prices).count == prices.count)
        #expect(prices.last == 80_600)  // Y: 237 x 3.40 = 805.80 -> 806
    }

    @Test func taxesAreItemizedAndAddUp() {
        let v = FareLadder.economy[0]
        let adult = pricing.fare(for: .adult, bookingClass: v, distanceMiles: 2475)
        #expect(adult.taxes.map(\.code) == ["US", "ZP", "AY", "XF"])
        #expect(adult.taxTotal.minorUnits == 1_778 + 530 + 560 + 450)
        #expect(adult.total == adult.base + adult.taxTotal)
        let child = pricing.fare(for: .child, bookingClass: v, distanceMiles: 2475)
        #expect(child.base.minorUnits == 17_775)
        let infant = pricing.fare(for: .infantWithoutSeat, bookingClass: v, distanceMiles: 2475)
        #expect(infant.base.minorUnits == 2_370)
        #expect(infant.taxes.map(\.code) == ["US"])
    }

    @Test func itineraryTotalIsTheSumOfItsParts() {
        let segments = [(distanceMiles: 2475, bookingClass: FareLadder.economy[2]), (distanceMiles: 2475, bookingClass: FareLadder.economy[4])]
        let price = ItineraryPricing(passengers: [.adult, .adult, .child, .infantWithoutSeat], segments: segments, pricing: pricing)
        let parts = price.fares.joined().map { $0.base.minorUnits + $0.taxes.map(\.amount.minorUnits).reduce(0, +) }.reduce(0, +)
        #expect(price.total.minorUnits == parts)
        #expect(price.total == price.base + price.taxes)
    }

    @Test func nestedAvailabilityClosesTheCheapestFirst() {
        for sold in 0...200 {
            let availability = SeatAvailability(capacity: 200, sold: sold)
            let open = FareLadder.economy.map { availability.available(in: $0) }
            #expect(open == open.sorted(), "higher classes never have fewer seats (sold \(sold))")
            #expect(open.last == 200 - sold)
        }
        #expect(SeatAvailability(capacity: 200, sold: 89).available(in: FareLadder.economy[0]) == 1)
        #expect(SeatAvailability(capacity: 200, sold: 90).available(in: FareLadder.economy[0]) == 0)
        #expect(SeatAvailability(capacity: 200, sold: 90).cheapestOpenClass(of: .basic, seats: 1)?.code == "Q")
        #expect(SeatAvailability(capacity: 200, sold: 120).cheapestOpenClass(of: .basic, seats: 1) == nil)
        #expect(SeatAvailability(capacity: 200, sold: 100).display(cabin: .economy) == "Y9 B9 M9 H9 Q9 V0 X0")
    }

    @Test func refundsFollowTheConditions() {
        let base = Money(minorUnits: 23_700, currency: .usd), taxes = Money(minorUnits: 3_318, currency: .usd)
        #expect(RefundRules.refund(base: base, taxes: taxes, conditions: FareBrand.basic.conditions(currency: .usd)) == taxes)
        #expect(RefundRules.refund(base: base, taxes: taxes, conditions: FareBrand.standard.conditions(currency: .usd)).minorUnits == 13_700 + 3_318)
        #expect(RefundRules.refund(base: base, taxes: taxes, conditions: FareBrand.flex.conditions(currency: .usd)) == base + taxes)
        let cheap = Money(minorUnits: 5_000, currency: .usd)
        #expect(RefundRules.refund(base: cheap, taxes: taxes, conditions: FareBrand.standard.conditions(currency: .usd)) == taxes)
    }
}
