import SkyportDomain
import CustomerData
import Foundation
import SkyportTestSupport
import Testing

/// The collection parser against Foundation's `JSONDecoder` and `JSONEncoder` on random documents and random
/// corruptions of them: whatever it accepts, Foundation reads the same; whatever Foundation refuses, it refuses
/// too; and it is stricter where RFC 8259 leaves room (repeated keys, lone surrogates). (`JSONSerialization` on
/// Linux is no oracle: it reads some doubles one unit off and `true` as 1.)
@Suite struct JSONParserPropertyTests {
    /// A JSON document as Foundation's own decoder reads it, independent of `JSONValue`'s Codable conformance.
    indirect enum Foundation: Codable, Equatable {
        case null, bool(Bool), integer(Int64), double(Double), string(String), array([Foundation]), object([String: Foundation])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let flag = try? container.decode(Bool.self) { self = .bool(flag) }
            else if let whole = try? container.decode(Int64.self) { self = .integer(whole) }
            else if let number = try? container.decode(Double.self) { self = .double(number) }
            else if let text = try? container.decode(String.self) { self = .string(text) }
            else if let list = try? container.decode([Foundation].self) { self = .array(list) }
            else { self = .object(try container.decode([String: Foundation].self)) }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .null: try container.encodeNil()
            case .bool(let flag): try container.encode(flag)
            case .integer(let whole): try container.encode(whole)
            case .double(let number): try container.encode(number)
            case .string(let text): try container.encode(text)
            case .array(let list): try container.encode(list)
            case .object(let object): try container.encode(object)
            }
        }

        /// The same document built from a `JSONValue` (large integers within Int64 as integers).
        init(_ value: JSONValue) {
            switch value {
            case .null: self = .null
            case .bool(let flag): self = .bool(flag)
            case .number(let number): self = .double(number)
            case .largeInteger(let digits): self = Int64(digits).map(Foundation.integer) ?? .double(Double(digits)!)
            case .string(let text): self = .string(text)
            case .array(let list): self = .array(list.map(Foundation.init))
            case .object(let object): self = .object(object.mapValues(Foundation.init))
            }
        }
    }

    static let seed: UInt64 = 20_261_203

    static func string(_ random: inout SeededGenerator) -> String {
        let alphabet: [Character] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "한", "✈️", "😀", "\u{FFFF}", "\u{10FFFF}"]
        return String((0..<Int.random(in: 0...10, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
    }

    static func number(_ random: inout SeededGenerator) -> JSONValue {
        switch Int.random(in: 0..<5, using: &random) {
        case 0: return .number(Double(Int.random(in: -1_000_000...1_000_000, using: &random)))
        case 1: return .number(Double.random(in: -1...1, using: &random) * pow(10, Double(Int.random(in: -300...300, using: &random))))
        case 2: return .number(Double(Int64.random(in: -(1 << 53)...(1 << 53), using: &random)))
        case 3:
            // Beyond 2^53, where doubles skip integers.
            let magnitude = Int64.random(in: (1 << 53) + 1 ... .max, using: &random)
            let whole = Bool.random(using: &random) ? magnitude : -magnitude
            return Int64(exactly: Double(whole)) == whole ? .number(Double(whole)) : .largeInteger(String(whole))
        default: return .number(Double.random(in: -1e6...1e6, using: &random))
        }
    }

    static func value(_ random: inout SeededGenerator, depth: Int = 0) -> JSONValue {
        switch Int.random(in: 0..<(depth < 4 ? 7 : 5), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2, 3: return number(&random)
        case 4: return .string(string(&random))
        case 5: return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in value(&random, depth: depth + 1) })
        default:
            var object: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &random) { object[string(&random)] = value(&random, depth: depth + 1) }
            return .object(object)
        }
    }

    /// Whether Foundation's reading is the same document (numbers compared by value, whole or not).
    static func agrees(_ ours: JSONValue, _ theirs: Foundation) -> Bool {
        switch (ours, theirs) {
        case (.null, .null): return true
        case (.bool(let flag), .bool(let other)): return flag == other
        case (.number(let value), .double(let number)): return value == number
        case (.number(let value), .integer(let whole)): return value == Double(whole)
        case (.largeInteger(let digits), .integer(let whole)): return Int64(digits) == whole
        case (.largeInteger(let digits), .double(let number)): return Double(digits) == number
        case (.string(let text), .string(let other)): return text == other
        case (.array(let list), .array(let other)): return list.count == other.count && zip(list, other).allSatisfy { agrees($0, $1) }
        case (.object(let object), .object(let other)):
            return object.count == other.count && object.allSatisfy { key, value in other[key].map { agrees(value, $0) } ?? false }
        default: return false
        }
    }

    static func foundation(_ bytes: [UInt8]) -> Foundation? {
        try? JSONDecoder().decode(Foundation.self, from: Data(bytes))
    }

    @Test func randomDocumentsReadBackExactlyAndAsFoundationReadsThem() throws {
        var random = SeededGenerator(seed: Self.seed)
        for round in 0..<400 {
            let value = Self.value(&random)
            let text = value.json
            let read = try JSONValue(json: text)
            #expect(read == value, "round \(round): \(text)")
            let theirs = try #require(Self.foundation(Array(text.utf8)), "Foundation refused round \(round): \(text)")
            #expect(Self.agrees(read, theirs), "round \(round): \(text)")
        }
    }

    /// What Foundation writes, the parser reads to the same document.
    @Test func readsWhatFoundationWrites() throws {
        var random = SeededGenerator(seed: Self.seed + 1)
        for round in 0..<300 {
            let value = Foundation(Self.value(&random))
            let written = try JSONEncoder().encode(value)
            let read = try JSONValue(json: Array(written))
            #expect(Self.agrees(read, value), "round \(round): \(String(decoding: written, as: UTF8.self))")
        }
    }

    /// Random corruptions of valid documents: nothing Foundation refuses gets through, and nothing is read
    /// differently from Foundation. The parser may refuse more (repeated keys, lone surrogates, out-of-range numbers).
    @Test func corruptedDocumentsAreRefusedWheneverFoundationRefusesThem() throws {
        var random = SeededGenerator(seed: Self.seed + 2)
        let replacements: [UInt8] = Array("{}[],:\"\\u0123456789abcdefE+-.tfnrl ".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xF0, 0xF5, 0xFF]
        var accepted = 0, refused = 0
        for round in 0..<3_000 {
            var bytes = Array(Self.value(&random).json.utf8)
            guard !bytes.isEmpty else { continue }
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let position = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[position] = replacements.randomElement(using: &random)!
                case 1: bytes.insert(replacements.randomElement(using: &random)!, at: position)
                default: if bytes.count > 1 { bytes.remove(at: position) }
                }
            }
            let theirs = Self.foundation(bytes)
            do {
                let ours = try JSONValue(json: bytes)
                accepted += 1
                let described = String(decoding: bytes, as: UTF8.self)
                #expect(theirs != nil, "round \(round): accepted what Foundation refuses: \(described) \(bytes)")
                if let theirs { #expect(Self.agrees(ours, theirs), "round \(round): read differently from Foundation: \(described)") }
            } catch {
                refused += 1
                #expect(error.code == "malformed_json" || error.code == "duplicate_key" || error.code == "number_out_of_range", "\(error)")
            }
        }
        #expect(accepted > 100 && refused > 1_000, "the corruptions exercise both outcomes: \(accepted) accepted, \(refused) refused")
    }

    @Test func integersBeyondWhatADoubleHoldsAreKeptExactly() throws {
        for digits in ["9007199254740993", "-9007199254740993", "9223372036854775807", "18446744073709551615", "123456789012345678901234567890"] {
            let read = try JSONValue(json: "{\"id\":\(digits)}")
            #expect(read["id"] == .largeInteger(digits))
            #expect(read.json == "{\"id\":\(digits)}")
            #expect(read["id"]?.string == digits)
        }
        #expect(try JSONValue(json: "9007199254740992") == .number(9_007_199_254_740_992))
        #expect(try JSONValue(json: "12345678901234567.5") == .number(12_345_678_901_234_567.5))
        #expect(try JSONValue(json: "9223372036854775807").int64 == .max)
        // Through Codable (the profile API's bodies) too.
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data("[9007199254740993]".utf8))
        #expect(decoded == .array([.largeInteger("9007199254740993")]))
        #expect(String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self) == "[9007199254740993]")
    }

    @Test(arguments: [
        (Array(#""\x""#.utf8), "escape"), (Array(#""\ud800""#.utf8), "escape"), (Array(#""\udc00\ud800""#.utf8), "escape"),
        (Array(#""\u12G4""#.utf8), "escape"), ([0x22, 0xC3, 0x28, 0x22], "UTF-8"), ([0x22, 0xED, 0xA0, 0x80, 0x22], "UTF-8"),
        ([0x22, 0xC0, 0x80, 0x22], "UTF-8"), ([0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], "UTF-8"), ([0x22, 0x61, 0x09, 0x22], "control character"),
    ])
    func badEscapesAndBytesAreRefusedSayingWhy(bytes: [UInt8], reason: String) {
        do {
            _ = try JSONValue(json: bytes)
            Issue.record("accepted \(bytes)")
        } catch {
            #expect(error.code == "malformed_json" && error.message.contains(reason) && error.message.contains("at byte"), "\(error.message)")
        }
    }

    @Test func storedTextWithBadBytesStillReads() {
        #expect(JSONValue(stored: String(decoding: [0x22, 0xC3, 0x28, 0x22], as: UTF8.self)) == .string("\u{FFFD}("))
    }
}
