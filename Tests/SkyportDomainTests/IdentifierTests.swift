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

    @Test func orderedIdentifiersSortByTimeInByteOrder() {
        let times: [Int64] = [0, 61, 62, 1_795_599_000_000, 1_795_599_000_001, 1_795_599_060_000, 4_102_444_800_000]
        let made = times.map { Identifier.makeOrdered(prefix: "prf", milliseconds: $0) }
        #expect(made.allSatisfy { $0.hasPrefix("prf_") && $0.count == 4 + 22 })
        #expect(made.map { Array($0.utf8) }.elementsEqual(made.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }))
        // The same millisecond still gives different identifiers.
        #expect(Identifier.makeOrdered(prefix: "prf", milliseconds: 5) != Identifier.makeOrdered(prefix: "prf", milliseconds: 5))
    }
}
