import Testing
@testable import SkyportDomain

@Suite struct IdentifierTests {
    @Test func recordLocatorsUseTheUnambiguousAlphabet() {
        var generator = SystemRandomNumberGenerator()
        var seen = Set<String>()
        for _ in 0..<10_000 {
            let locator = RecordLocator.random(using: &generator).value
            #expect(locator.count == 6)
            #expect(!locator.contains(where: { "IO01".contains($0) }))
            seen.insert(locator)
        }
        #expect(seen.count > 9_990)  // 32^6 combinations: collisions are rare, and the store retries them
        #expect(RecordLocator("abc234")?.value == "ABC234")
        #expect(RecordLocator("ABC10O") == nil)
        #expect(RecordLocator("ABC23") == nil)
    }

    @Test func ticketNumbersAreThirteenDigits() {
        #expect(TicketNumber(accountingCode: "180", serial: 42)?.value == "1800000000042")
        #expect(TicketNumber(accountingCode: "180", serial: 9_999_999_999)?.value.count == 13)
        #expect(TicketNumber(accountingCode: "180", serial: 10_000_000_000) == nil)
        #expect(TicketNumber(accountingCode: "18", serial: 1) == nil)
        #expect(TicketNumber(accountingCode: "1A0", serial: 1) == nil)
    }

    @Test func airportCodesAreThreeLetters() {
        #expect(AirportCode("jfk")?.value == "JFK")
        #expect(AirportCode("04G") == nil)
        #expect(AirportCode("JFKX") == nil)
    }
}
