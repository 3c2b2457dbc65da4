extension BarcodedBoardingPass {
    /// Reads a boarding pass string: every mandatory item at its width, each leg's variable part by its size, the
    /// conditional blocks by theirs, and security data if present. Anything malformed is an error naming the item.
    public static func parse(_ text: String) throws(BarcodedBoardingPassError) -> BarcodedBoardingPass {
        typealias Layout = BoardingPassLayout
        guard isPrintable(text) else { throw .init(item: "boarding pass", offset: 0, reason: "only printable ASCII characters") }
        var reader = Reader(Array(text))
        guard try reader.take(1, "format code") == "M" else { throw .init(item: "format code", offset: 0, reason: "the format code is M") }
        guard let count = Int(try reader.take(1, "number of legs encoded")), (1...Layout.maximumLegs).contains(count) else {
            throw .init(item: "number of legs encoded", offset: 1, reason: "a digit from 1 to \(Layout.maximumLegs)")
        }
        let name = try reader.take(Layout.passengerName, "passenger name")
        let ticket = try reader.take(1, "electronic ticket indicator")
        var pass = BarcodedBoardingPass(passengerName: trimmed(name), legs: [])
        pass.electronicTicket = ticket == "E"
        for index in 0..<count {
            var values: [String] = []
            let legStart = reader.position
            for item in Layout.legItems { values.append(try reader.take(item.width, item.name)) }
            guard let day = Int(values[5]), (1...366).contains(day) else {
                throw .init(item: "date of flight", offset: legStart + 21, reason: "three digits, a day of the year")
            }
            var leg = Leg(recordLocator: trimmed(values[0]), origin: trimmed(values[1]), destination: trimmed(values[2]),
                          operatingCarrier: trimmed(values[3]), flightNumber: trimmed(values[4]), dayOfYear: day, compartment: trimmed(values[6]),
                          seat: trimmed(values[7]), checkInSequence: optional(values[8]), passengerStatus: values[9])
            var variable = Reader(Array(try reader.take(try reader.hex("field size of variable size field"), "variable size field")), offset: reader.position)
            if index == 0, !variable.isAtEnd {
                guard try variable.take(1, "beginning of version number") == String(Layout.versionIndicator) else {
                    throw .init(item: "beginning of version number", offset: variable.position - 1, reason: "the first leg's conditional items open with >")
                }
                pass.version = try variable.take(1, "version number")
                let unique = try variable.block("field size of following structured message - unique", Layout.uniqueConditional)
                (pass.passengerDescription, pass.checkInSource, pass.issuanceSource) = (unique[0], unique[1], unique[2])
                (pass.issueDate, pass.documentType, pass.issuer) = (unique[3], unique[4], unique[5])
                pass.baggageTags = unique[6...].compactMap { $0 }
            }
            if !variable.isAtEnd {
                let repeated = try variable.block("field size of following structured message - repeated", Layout.repeatedConditional)
                (leg.airlineNumericCode, leg.documentSerialNumber, leg.selecteeIndicator) = (repeated[0], repeated[1], repeated[2])
                (leg.internationalDocumentVerification, leg.marketingCarrier, leg.frequentFlyerAirline) = (repeated[3], repeated[4], repeated[5])
                (leg.frequentFlyerNumber, leg.idIndicator, leg.freeBaggageAllowance, leg.fastTrack) = (repeated[6], repeated[7], repeated[8], repeated[9])
                leg.airlineData = variable.rest.isEmpty ? nil : variable.rest
            }
            pass.legs.append(leg)
        }
        if !reader.isAtEnd {
            guard try reader.take(1, "beginning of security data") == String(Layout.securityIndicator) else {
                throw .init(item: "beginning of security data", offset: reader.position - 1, reason: "after the legs only security data (^) may follow")
            }
            let type = try reader.take(1, "type of security data")
            let data = try reader.take(try reader.hex("length of security data"), "security data")
            pass.security = (type, data)
            guard reader.isAtEnd else { throw .init(item: "security data", offset: reader.position, reason: "nothing may follow the security data") }
        }
        return pass
    }

    static func trimmed(_ value: String) -> String {
        String(value.reversed().drop { $0 == " " }.reversed())
    }

    static func optional(_ value: String) -> String? {
        let value = trimmed(value)
        return value.isEmpty ? nil : value
    }

    /// Reads fixed-width items from a string, knowing where it is for the errors.
    struct Reader {
        let characters: [Character]
        let offset: Int
        var index = 0

        init(_ characters: [Character], offset: Int = 0) {
            self.characters = characters
            self.offset = offset
        }

        var position: Int { offset + index }
        var isAtEnd: Bool { index >= characters.count }
        var rest: String { String(characters[min(index, characters.count)...]) }

        mutating func take(_ width: Int, _ item: String) throws(BarcodedBoardingPassError) -> String {
            guard index + width <= characters.count else {
                throw .init(item: item, offset: position, reason: "\(width) characters expected, \(characters.count - index) left")
            }
            defer { index += width }
            return String(characters[index..<(index + width)])
        }

        /// A size written as two hexadecimal digits.
        mutating func hex(_ item: String) throws(BarcodedBoardingPassError) -> Int {
            let text = try take(2, item)
            guard text.allSatisfy(\.isHexDigit), let value = Int(text, radix: 16) else {
                throw .init(item: item, offset: position - 2, reason: "two hexadecimal digits, not \"\(text)\"")
            }
            return value
        }

        /// A sized block of conditional items: as many of `items` as its size holds, each blank one nil; a size that
        /// ends inside an item is an error.
        mutating func block(_ sizeItem: String, _ items: [(name: String, width: Int)]) throws(BarcodedBoardingPassError) -> [String?] {
            let size = try hex(sizeItem)
            var inner = Reader(Array(try take(size, sizeItem)), offset: position - size)
            var values: [String?] = []
            for item in items {
                if inner.isAtEnd { values.append(nil); continue }
                values.append(BarcodedBoardingPass.optional(try inner.take(item.width, item.name)))
            }
            guard inner.isAtEnd else {
                throw .init(item: sizeItem, offset: inner.position, reason: "the block is longer than its items")
            }
            return values
        }
    }
}
