import SkyportDomain
import Foundation
@testable import SkyportHTTP
import SkyportTestSupport
import Testing

/// The encoder against Foundation's `JSONEncoder` (`.convertToSnakeCase`) on random values of every Codable
/// shape: both outputs are read back with `JSONSerialization` and must be the same document.
@Suite struct StreamingJSONEncoderPropertyTests {
    enum Tier: String, Codable, CaseIterable { case gold, silver, blue }

    /// An enum with payloads: synthesized Codable writes it through nested keyed containers.
    enum Tender: Codable {
        case card(last4: String, expiryMonth: Int32)
        case cash
        case points(Int64, tier: Tier?)
        case voucher(codes: [String], value: Decimal)
    }

    struct Everything: Codable {
        var float: Float
        var double: Double
        var int8: Int8
        var int16: Int16
        var int32: Int32
        var uint8: UInt8
        var uint16: UInt16
        var uint32: UInt32
        var uint64: UInt64
        var uint: UInt
        var decimal: Decimal
        var date: Date
        var url: URL
        var data: Data
        var tier: Tier?
        var tenders: [Tender]
        var matrix: [[Int16]]
        var counts: [String: [Int32]]
        var child: [Everything]
    }

    /// A subclass that writes its superclass under `super`, through a super encoder.
    class Fare: Encodable {
        let baseAmount: Int
        init(baseAmount: Int) { self.baseAmount = baseAmount }
        private enum CodingKeys: String, CodingKey { case baseAmount }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(baseAmount, forKey: .baseAmount)
        }
    }

    final class BrandedFare: Fare {
        let brandName: String
        init(baseAmount: Int, brandName: String) {
            self.brandName = brandName
            super.init(baseAmount: baseAmount)
        }
        private enum CodingKeys: String, CodingKey { case brandName }
        override func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(brandName, forKey: .brandName)
            try super.encode(to: container.superEncoder())
            var list = encoder.unkeyedContainer()  // a second kind of container from one encoder: refused, never traps
            try list.encode(1)
        }
    }

    static func text(_ random: inout SeededGenerator) -> String {
        let alphabet = Array("abcxyz 0123456789\"\\/\n\t\u{1}é한✈️😀")
        return String((0..<Int.random(in: 0...12, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
    }

    /// Keys a dictionary carries as data: left as they are by this encoder and by snake-casing alike.
    static func key(_ random: inout SeededGenerator) -> String {
        String((0..<Int.random(in: 1...6, using: &random)).map { _ in "abcdefgh_".randomElement(using: &random)! })
    }

    static func tender(_ random: inout SeededGenerator) -> Tender {
        switch Int.random(in: 0..<4, using: &random) {
        case 0: .card(last4: text(&random), expiryMonth: Int32.random(in: .min ... .max, using: &random))
        case 1: .cash
        case 2: .points(Int64.random(in: .min ... .max, using: &random), tier: Bool.random(using: &random) ? Tier.allCases.randomElement(using: &random) : nil)
        default: .voucher(codes: (0..<Int.random(in: 0...3, using: &random)).map { _ in text(&random) },
                          value: Decimal(Int.random(in: -99_999...99_999, using: &random)) / 100)
        }
    }

    static func everything(_ random: inout SeededGenerator, depth: Int = 0) -> Everything {
        Everything(
            float: Float(Double.random(in: -1e6...1e6, using: &random)) * (Bool.random(using: &random) ? 1 : 1e-6),
            double: Double.random(in: -1e12...1e12, using: &random) * (Bool.random(using: &random) ? 1 : 1e-9),
            int8: .random(in: .min ... .max, using: &random), int16: .random(in: .min ... .max, using: &random),
            int32: .random(in: .min ... .max, using: &random), uint8: .random(in: .min ... .max, using: &random),
            uint16: .random(in: .min ... .max, using: &random), uint32: .random(in: .min ... .max, using: &random),
            // JSONSerialization reads numbers as doubles beyond Int64: keep these within what both sides read exactly.
            uint64: .random(in: 0 ... UInt64(Int64.max), using: &random), uint: .random(in: 0 ... UInt(Int.max), using: &random),
            decimal: Decimal(Int64.random(in: -1_000_000_000...1_000_000_000, using: &random)) / Decimal(sign: .plus, exponent: Int.random(in: 0...6, using: &random), significand: 1),
            date: Date(timeIntervalSince1970: Double(Int.random(in: 0...2_000_000_000, using: &random))),
            url: URL(string: "https://fly.example/\(Int.random(in: 0...999, using: &random))?q=\(key(&random))")!,
            data: Data((0..<Int.random(in: 0...9, using: &random)).map { _ in UInt8.random(in: 0 ... .max, using: &random) }),
            tier: Bool.random(using: &random) ? Tier.allCases.randomElement(using: &random) : nil,
            tenders: (0..<Int.random(in: 0...4, using: &random)).map { _ in tender(&random) },
            matrix: (0..<Int.random(in: 0...3, using: &random)).map { _ in (0..<Int.random(in: 0...3, using: &random)).map { _ in Int16.random(in: .min ... .max, using: &random) } },
            counts: Dictionary((0..<Int.random(in: 0...3, using: &random)).map { _ in (key(&random), [Int32.random(in: .min ... .max, using: &random)]) }) { first, _ in first },
            child: depth < 2 && Bool.random(using: &random) ? [everything(&random, depth: depth + 1)] : [])
    }

    static func document(_ bytes: some Sequence<UInt8>) throws -> NSObject {
        try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) as! NSObject
    }

    @Test func writesWhatFoundationWritesForRandomValuesOfEveryShape() throws {
        var random = SeededGenerator(seed: 20_261_203)
        let foundation = JSONEncoder()
        foundation.keyEncodingStrategy = .convertToSnakeCase
        for round in 0..<300 {
            let value = Self.everything(&random)
            let bytes = try StreamingJSONEncoder.encode(value)
            let ours = try Self.document(bytes)
            let theirs = try Self.document(foundation.encode(value))
            #expect(ours == theirs, "round \(round): \(String(decoding: bytes, as: UTF8.self))")
            if ours != theirs { break }
        }
    }

    @Test func scalarsOfEveryWidthAtTheTopAndInsideWriteTheirOwnValue() throws {
        #expect(String(decoding: try StreamingJSONEncoder.encode(Float(0.1)), as: UTF8.self) == "0.1")
        #expect(String(decoding: try StreamingJSONEncoder.encode([Int32.min]), as: UTF8.self) == "[-2147483648]")
        #expect(String(decoding: try StreamingJSONEncoder.encode(["k": UInt64.max]), as: UTF8.self) == #"{"k":18446744073709551615}"#)
        #expect(String(decoding: try StreamingJSONEncoder.encode([Int128.min]), as: UTF8.self) == "[-170141183460469231731687303715884105728]")
        #expect(String(decoding: try StreamingJSONEncoder.encode(Decimal(string: "12345678901234567890.5")!), as: UTF8.self) == "12345678901234567890.5")
        #expect(String(decoding: try StreamingJSONEncoder.encode(Tender.points(7, tier: nil)), as: UTF8.self) == #"{"points":{"_0":7}}"#)
    }

    @Test func whatJSONCannotHoldOrWritesOutOfOrderThrowsAndNeverTraps() throws {
        for value in [Float.infinity, -.infinity, .nan] {
            #expect(throws: EncodingError.self) { try StreamingJSONEncoder.encode(["x": value]) }
        }
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder.encode([Decimal.nan]) }
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder.encode(BrandedFare(baseAmount: 100, brandName: "Basic")) }
        do {
            _ = try StreamingJSONEncoder.encode(["fares": [Double.nan]])
            Issue.record("NaN must be refused")
        } catch EncodingError.invalidValue(_, let context) {
            #expect(context.codingPath.map(\.stringValue) == ["fares", "Index 0"], "the error says where")
        }
    }

    /// A super encoder, and nested containers filled in order, as hand-written `encode(to:)` methods use them.
    @Test func superEncodersAndNestedContainersWriteInPlace() throws {
        struct Ordered: Encodable {
            enum Keys: String, CodingKey { case outer, list, after }
            enum Inner: String, CodingKey { case innerValue }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                var outer = container.nestedContainer(keyedBy: Inner.self, forKey: .outer)
                try outer.encode(1, forKey: .innerValue)
                var list = container.nestedUnkeyedContainer(forKey: .list)
                try list.encode("a")
                var deeper = list.nestedUnkeyedContainer()
                try deeper.encodeNil()
                try container.encode(true, forKey: .after)
                try outer.encode(2, forKey: .innerValue)  // the sibling opened since: refused
            }
        }
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder.encode(Ordered()) }

        final class Plain: Fare {}
        let fare = try Self.document(StreamingJSONEncoder.encode(Plain(baseAmount: 5)))
        #expect(fare == ["base_amount": 5] as NSDictionary)
        struct WithSuper: Encodable {
            enum Keys: String, CodingKey { case name }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode("x", forKey: .name)
                try Fare(baseAmount: 3).encode(to: container.superEncoder())
            }
        }
        let foundation = JSONEncoder()
        foundation.keyEncodingStrategy = .convertToSnakeCase
        #expect(try Self.document(StreamingJSONEncoder.encode(WithSuper())) == Self.document(foundation.encode(WithSuper())))
    }
}
