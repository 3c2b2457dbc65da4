import Foundation
import SkyportDomain
import Testing

@Suite struct BarcodedBoardingPassTests {
    /// Resolution 792's own mandatory-items example.
    static let mandatoryOnly = "M1DESMARAIS/LUC       EABC123 YULFRAAC 0834 326J001A0025 100"
    /// A pass an airline issued (version 3), with unique and repeated conditional items and airline data.
    static let issued = "M1ACKERMANN/JUSTIN DAVEJPYKJI SINNRTJL 0712 336Y025C0231 348>3180 O9335BJL 01315361700012900174601118720 JL AA 34DGH32             3"

    /// Slices a string at the standard's offsets, independently of the type under test.
    static func slices(_ text: String, _ widths: [Int], from start: Int) -> [String] {
        let characters = Array(text)
        var position = start
        return widths.map { width in
            defer { position += width }
            return String(characters[position..<(position + width)])
        }
    }

    static func skyportPass() -> BarcodedBoardingPass {
        var leg = BarcodedBoardingPass.Leg(recordLocator: "K7PQ2M", origin: "JFK", destination: "LAX", operatingCarrier: "SK", flightNumber: "0100",
                                           dayOfYear: 42, compartment: "Y", seat: "023C", checkInSequence: "0007", passengerStatus: "1")
        leg.airlineNumericCode = "180"
        leg.documentSerialNumber = "2400000017"
        leg.marketingCarrier = "SK"
        leg.freeBaggageAllowance = "1PC"
        var pass = BarcodedBoardingPass(passengerName: "LOVELACE/ADA", legs: [leg])
        pass.passengerDescription = "0"
        pass.checkInSource = "W"
        pass.issuanceSource = "W"
        pass.issueDate = "6341"
        pass.documentType = "B"
        pass.issuer = "SK"
        return pass
    }

    @Test func theStandardsExampleReadsItemByItemAndWritesBackTheSame() throws {
        let pass = try BarcodedBoardingPass.parse(Self.mandatoryOnly)
        #expect(pass.passengerName == "DESMARAIS/LUC" && pass.electronicTicket && pass.legs.count == 1)
        let leg = pass.legs[0]
        #expect(leg.recordLocator == "ABC123" && leg.origin == "YUL" && leg.destination == "FRA" && leg.operatingCarrier == "AC")
        #expect(leg.flightNumber == "0834" && leg.dayOfYear == 326 && leg.compartment == "J" && leg.seat == "001A")
        #expect(leg.checkInSequence == "0025" && leg.passengerStatus == "1" && leg.airlineNumericCode == nil)
        #expect(try pass.encoded() == Self.mandatoryOnly)
    }

    @Test func anIssuedPassWithConditionalItemsReadsAndWritesBackTheSame() throws {
        let pass = try BarcodedBoardingPass.parse(Self.issued)
        #expect(pass.version == "3" && pass.passengerName == "ACKERMANN/JUSTIN DAV")
        #expect(pass.passengerDescription == "0" && pass.checkInSource == nil && pass.issuanceSource == "O" && pass.issueDate == "9335")
        #expect(pass.documentType == "B" && pass.issuer == "JL" && pass.baggageTags == ["0131536170001"])
        let leg = pass.legs[0]
        #expect(leg.recordLocator == "JPYKJI" && leg.flightNumber == "0712" && leg.dayOfYear == 336 && leg.seat == "025C")
        #expect(leg.airlineNumericCode == "001" && leg.documentSerialNumber == "7460111872" && leg.selecteeIndicator == "0")
        #expect(leg.marketingCarrier == "JL" && leg.frequentFlyerAirline == "AA" && leg.frequentFlyerNumber == "34DGH32")
        #expect(leg.freeBaggageAllowance == nil && leg.fastTrack == nil && leg.airlineData == "3")
        // That airline wrote its repeated block to 41 characters with the last two items blank; written again here it
        // ends after the last item given (37 characters, 0x25), and reads back the same.
        let written = try pass.encoded()
        #expect(written == Self.issued.replacingOccurrences(of: "2900174601118720 JL AA 34DGH32             3", with: "2500174601118720 JL AA 34DGH32         3")
            .replacingOccurrences(of: " 348>", with: " 344>"))
        #expect(try BarcodedBoardingPass.parse(written) == pass)
    }

    @Test func everyItemHasItsStandardWidthAndTheConditionalSectionItsSizes() throws {
        let text = try Self.skyportPass().encoded()
        // Unique mandatory part and the leg's mandatory part: 60 characters.
        #expect(Self.slices(text, [1, 1, 20, 1], from: 0) == ["M", "1", "LOVELACE/ADA        ", "E"])
        #expect(Self.slices(text, [7, 3, 3, 3, 5, 3, 1, 4, 5, 1, 2], from: 23)
            == ["K7PQ2M ", "JFK", "LAX", "SK ", "0100 ", "042", "Y", "023C", "0007 ", "1", "3A"])
        // 0x3A = 58 characters follow: >, version 6, the unique block (0x0B = 11: items through the issuer) and the
        // repeated block (0x29 = 41: items through the free baggage allowance), nothing after.
        #expect(text.count == 60 + 58)
        #expect(Self.slices(text, [1, 1, 2, 1, 1, 1, 4, 1, 3], from: 60) == [">", "6", "0B", "0", "W", "W", "6341", "B", "SK "])
        #expect(Self.slices(text, [2, 3, 10, 1, 1, 3, 3, 16, 1, 3], from: 75)
            == ["29", "180", "2400000017", " ", " ", "SK ", "   ", String(repeating: " ", count: 16), " ", "1PC"])
        #expect(try BarcodedBoardingPass.parse(text) == Self.skyportPass())
    }

    @Test func severalLegsAndSecurityDataGoRoundTrip() throws {
        var pass = Self.skyportPass()
        var second = BarcodedBoardingPass.Leg(recordLocator: "K7PQ2M", origin: "LAX", destination: "SFO", operatingCarrier: "SK", flightNumber: "0200A",
                                              dayOfYear: 43, compartment: "Y", seat: "INF", checkInSequence: nil, passengerStatus: "1")
        second.frequentFlyerAirline = "SK"
        second.frequentFlyerNumber = "SKY123456789"
        second.airlineData = "GATE 12"
        pass.legs.append(second)
        pass.baggageTags = ["0180123456001", "0180123460002"]
        pass.security = ("1", "MEUCIQDsignature")
        let text = try pass.encoded()
        #expect(text.hasPrefix("M2") && text.contains("^110MEUCIQDsignature"))
        #expect(try BarcodedBoardingPass.parse(text) == pass)
    }

    @Test func malformedStringsAreRefusedNamingTheItem() {
        func item(_ text: String) -> String? {
            do { _ = try BarcodedBoardingPass.parse(text); return nil } catch { return error.item }
        }
        let good = Self.mandatoryOnly
        #expect(item("X" + good.dropFirst()) == "format code")
        #expect(item("M0" + good.dropFirst(2)) == "number of legs encoded")
        #expect(item(String(good.prefix(40))) == "flight number")
        #expect(item(good.replacingOccurrences(of: "326J", with: "3X6J")) == "date of flight")
        #expect(item(String(good.dropLast(2)) + "0G") == "field size of variable size field")
        #expect(item(String(good.dropLast(2)) + "05>6") == "variable size field")
        #expect(item(good + "GARBAGE") == "beginning of security data")
        #expect(item(String(good.dropLast(2)) + "04<600") == "beginning of version number")
        // A unique block whose size ends inside an item.
        #expect(item(String(good.dropLast(2)) + "08>6040WW6") == "date of issue of boarding pass")
        #expect(item(good.replacingOccurrences(of: "LUC", with: "LÜC")) == "boarding pass")
    }

    @Test func whatCannotBeWrittenIsRefused() {
        var pass = Self.skyportPass()
        pass.legs[0].operatingCarrier = "SKYP"
        #expect(throws: BarcodedBoardingPassError.self) { try pass.encoded() }
        pass = Self.skyportPass()
        pass.legs[0].dayOfYear = 367
        #expect(throws: BarcodedBoardingPassError.self) { try pass.encoded() }
        pass = Self.skyportPass()
        pass.passengerName = "김/민지"
        #expect(throws: BarcodedBoardingPassError.self) { try pass.encoded() }
        pass = Self.skyportPass()
        pass.legs = Array(repeating: pass.legs[0], count: 10)
        #expect(throws: BarcodedBoardingPassError.self) { try pass.encoded() }
        // A long name is cut to its 20 characters, as the standard says.
        pass = Self.skyportPass()
        pass.passengerName = "WOLFESCHLEGELSTEINHAUSEN/HUBERT"
        #expect((try? BarcodedBoardingPass.parse(pass.encoded()).passengerName) == "WOLFESCHLEGELSTEINHA")
    }
}
