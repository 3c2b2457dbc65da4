import Foundation
import SkyportDomain

/// A JSON value as events and traits carry it: what a client sent, kept exactly and comparable.
public enum JSONValue: Sendable, Equatable, Hashable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    /// A whole number that no `Double` holds exactly (beyond ±2^53, where doubles skip integers; ids from other
    /// systems often are), or beyond Int64: kept as its digits (`-?[1-9][0-9]*`), stored and written back exactly.
    case largeInteger(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Whether the integer `digits` (read as `double`) would change if it were kept as that double.
    static func isInexact(_ digits: String, as double: Double) -> Bool {
        guard let whole = Int64(digits) else { return true }
        return Int64(exactly: double) != whole
    }

    /// Converts what `JSONSerialization` produced.
    public init(any value: Any) {
        switch value {
        case let number as NSNumber where Self.isBoolean(number): self = .bool(number.boolValue)
        case let number as NSNumber: self = .number(number.doubleValue)
        case let text as String: self = .string(text)
        case let list as [Any]: self = .array(list.map(JSONValue.init(any:)))
        case let object as [String: Any]: self = .object(object.mapValues(JSONValue.init(any:)))
        default: self = .null
        }
    }

    /// JSON's `true` and `false` arrive from `JSONSerialization` as an NSNumber of ObjC type `c`; `1` and
    /// `0` are integers (and `is Bool` holds for those too, so it cannot tell them apart).
    public static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    /// Why a client's JSON was refused: a stable `code` (`malformed_json`, `number_out_of_range`,
    /// `duplicate_key`, `too_deep`) and a message that says where.
    public struct ParseError: Error, Sendable, Equatable {
        public let code: ServiceError.Code
        public let message: String

        init(_ failure: JSONParser.Failure) {
            switch failure.reason {
            case .syntax:
                (code, message) = (.malformedJSON, "The body is not valid JSON (at byte \(failure.offset)).")
            case .numberOutOfRange:
                (code, message) = (.numberOutOfRange, "The number at byte \(failure.offset) has no finite value; JSON numbers here must fit a double.")
            case .duplicateKey(let key):
                (code, message) = (.duplicateKey, "The key \"\(key.prefix(100))\" appears twice in one object (at byte \(failure.offset)).")
            case .tooDeep:
                (code, message) = (.tooDeep, "The JSON nests more than 512 levels deep.")
            case .invalidEscape:
                (code, message) = (.malformedJSON, "The string escape at byte \(failure.offset) is not one of JSON's (\\\" \\\\ \\/ \\b \\f \\n \\r \\t, or \\u with a whole surrogate pair).")
            case .controlCharacter:
                (code, message) = (.malformedJSON, "A string holds a raw control character at byte \(failure.offset); write it as an escape such as \\n.")
            case .invalidUTF8:
                (code, message) = (.malformedJSON, "The string at byte \(failure.offset) holds bytes that are not UTF-8.")
            }
        }
    }

    /// Parses a JSON document (any value at the top) strictly, as sent by a client.
    public init(json: String) throws(ParseError) {
        try self.init(json: Array(json.utf8))
    }

    /// Parses a JSON document from its UTF-8 bytes strictly, as sent by a client.
    public init(json bytes: [UInt8]) throws(ParseError) {
        do { self = try JSONParser.parse(bytes) } catch { throw ParseError(error) }
    }

    /// Reads back a stored document and never fails: an out-of-range number reads as null, a repeated key
    /// keeps its last value, and text that is not JSON at all reads as that text (a string), so one odd
    /// stored value cannot make a timeline or a right-of-access export unreadable.
    public init(stored text: String) {
        self = (try? JSONParser.parse(text, mode: .stored)) ?? .string(text)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int64.self), Int64(exactly: Double(value)) != value { self = .largeInteger(String(value)) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        // JSON has no infinity or NaN: one stored by an earlier version is written as null rather than failing the response.
        case .number(let value) where !value.isFinite: try container.encodeNil()
        case .number(let value): try container.encode(value)
        case .largeInteger(let digits):
            if let value = Int64(digits) { try container.encode(value) }
            else if let value = UInt64(digits) { try container.encode(value) }
            else { try container.encode(Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX")) ?? 0) }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The value as compact JSON with sorted keys (how it is stored).
    public var json: String { JSONWriter.serialize(self) }

    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    public var string: String? {
        switch self {
        case .string(let value): return value
        case .number(let value): return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .largeInteger(let digits): return digits
        default: return nil
        }
    }

    /// The value as a finite number (a number, or a string that spells one).
    public var number: Double? {
        switch self {
        case .number(let value): return value.isFinite ? value : nil
        case .largeInteger(let digits): return Double(digits)
        case .string(let value): return Double(value).flatMap { $0.isFinite ? $0 : nil }
        default: return nil
        }
    }

    /// The value as a whole number that fits `Int64`, nil otherwise (never a trap on `1e300`).
    public var int64: Int64? {
        if case .largeInteger(let digits) = self { return Int64(digits) }
        return number.flatMap { Int64(exactly: $0.rounded(.towardZero)) }
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let object) = self { return object }
        return nil
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(Dictionary(elements) { $1 }) }
}
