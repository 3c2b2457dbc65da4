extension BarcodedBoardingPass {
    /// The pass as the string its barcode carries.
    public func encoded() throws(BarcodedBoardingPassError) -> String {
        typealias Layout = BoardingPassLayout
        guard (1...Layout.maximumLegs).contains(legs.count) else {
            throw .init(item: "number of legs encoded", offset: 1, reason: "a pass has 1 to \(Layout.maximumLegs) legs, not \(legs.count)")
        }
        var out = "M\(legs.count)"
        out += try Self.padded(String(passengerName.prefix(Layout.passengerName)), Layout.passengerName, item: "passenger name", at: out.count)
        out += electronicTicket ? "E" : " "
        for (index, leg) in legs.enumerated() {
            guard (1...366).contains(leg.dayOfYear) else {
                throw .init(item: "date of flight", offset: out.count + 23, reason: "a day of the year is 1 to 366, not \(leg.dayOfYear)")
            }
            let day = leg.dayOfYear < 10 ? "00\(leg.dayOfYear)" : leg.dayOfYear < 100 ? "0\(leg.dayOfYear)" : "\(leg.dayOfYear)"
            let values = [leg.recordLocator, leg.origin, leg.destination, leg.operatingCarrier, leg.flightNumber, day, leg.compartment, leg.seat,
                          leg.checkInSequence ?? "", leg.passengerStatus]
            for (value, item) in zip(values, Layout.legItems) { out += try Self.padded(value, item.width, item: item.name, at: out.count) }
            let repeated = try Self.block([leg.airlineNumericCode, leg.documentSerialNumber, leg.selecteeIndicator, leg.internationalDocumentVerification,
                                           leg.marketingCarrier, leg.frequentFlyerAirline, leg.frequentFlyerNumber, leg.idIndicator,
                                           leg.freeBaggageAllowance, leg.fastTrack], Layout.repeatedConditional, at: out.count)
            var variable = ""
            let unique = index == 0 ? try uniqueBlock(at: out.count) : ""
            if !unique.isEmpty || !repeated.isEmpty || !(leg.airlineData ?? "").isEmpty {
                if index == 0 { variable += "\(Layout.versionIndicator)\(version)" + Self.hex(unique.count) + unique }
                variable += Self.hex(repeated.count) + repeated + (leg.airlineData ?? "")
            }
            guard variable.count <= 255, Self.isPrintable(variable) else {
                throw .init(item: "variable size field", offset: out.count, reason: "a leg's conditional items and airline data are at most 255 printable ASCII characters")
            }
            out += Self.hex(variable.count) + variable
        }
        if let security {
            guard security.type.count == 1, security.data.count <= 255, Self.isPrintable(security.type + security.data) else {
                throw .init(item: "security data", offset: out.count, reason: "a type of one character and at most 255 printable ASCII characters")
            }
            out += "\(BoardingPassLayout.securityIndicator)\(security.type)" + Self.hex(security.data.count) + security.data
        }
        return out
    }

    private func uniqueBlock(at offset: Int) throws(BarcodedBoardingPassError) -> String {
        guard baggageTags.count <= 3 else {
            throw .init(item: "baggage tag licence plate number", offset: offset, reason: "a pass carries at most three baggage tag numbers")
        }
        let tags = baggageTags.map(Optional.some) + Array(repeating: nil, count: 3 - baggageTags.count)
        return try Self.block([passengerDescription, checkInSource, issuanceSource, issueDate, documentType, issuer] + tags,
                              BoardingPassLayout.uniqueConditional, at: offset)
    }

    /// Conditional items written up to the last one given, those before it blank where not given.
    static func block(_ values: [String?], _ items: [(name: String, width: Int)], at offset: Int) throws(BarcodedBoardingPassError) -> String {
        guard let last = values.lastIndex(where: { !($0 ?? "").isEmpty }) else { return "" }
        var out = ""
        for index in 0...last { out += try padded(values[index] ?? "", items[index].width, item: items[index].name, at: offset) }
        return out
    }

    /// `value` left-aligned in `width` characters; too long or not printable ASCII is an error naming the item.
    static func padded(_ value: String, _ width: Int, item: String, at offset: Int) throws(BarcodedBoardingPassError) -> String {
        guard value.count <= width, isPrintable(value) else {
            throw .init(item: item, offset: offset, reason: "\"\(value)\" is not at most \(width) printable ASCII characters")
        }
        return value + String(repeating: " ", count: width - value.count)
    }

    static func isPrintable(_ text: String) -> Bool { text.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) } }

    /// Two uppercase hexadecimal digits.
    static func hex(_ value: Int) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[(value >> 4) & 0xF], digits[value & 0xF]])
    }
}
