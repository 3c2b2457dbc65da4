import Testing
@testable import SkyportDomain

@Suite struct MoneyTests {
    @Test func decimalStringUsesTheCurrencysDigits() {
        #expect(Money(minorUnits: 47_666, currency: .usd).decimalString == "476.66")
        #expect(Money(minorUnits: 5, currency: .usd).decimalString == "0.05")
        #expect(Money(minorUnits: -1_250, currency: .usd).decimalString == "-12.50")
        #expect(Money(minorUnits: 125_000, currency: CurrencyCode("KRW")!).decimalString == "125000")
    }

    @Test func scalingRoundsHalfAwayFromZero() {
        let fare = Money(minorUnits: 23_700, currency: .usd)
        #expect(fare.scaled(by: 75, over: 1000).minorUnits == 1_778)  // 17.775 -> 17.78
        #expect(Money(minorUnits: 1, currency: .usd).scaled(by: 1, over: 2).minorUnits == 1)
        #expect(Money(minorUnits: -1, currency: .usd).scaled(by: 1, over: 2).minorUnits == -1)
    }

    @Test func roundingUpToWholeUnits() {
        #expect(Money(minorUnits: 23_601, currency: .usd).roundedUpToWholeUnits().minorUnits == 23_700)
        #expect(Money(minorUnits: 23_700, currency: .usd).roundedUpToWholeUnits().minorUnits == 23_700)
    }

    @Test func unknownCurrenciesAreRefused() {
        #expect(CurrencyCode("XYZ") == nil)
        #expect(CurrencyCode("usd") == nil)
    }
}
