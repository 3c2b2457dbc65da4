/// Parses JSON text straight into `JSONValue`: going through `JSONSerialization` and Foundation
/// objects (bridging and dynamic casts) took a fifth of the profile processor's CPU, measured.
///
/// `.strict` is RFC 8259 and more: what a client sends is refused when a number has no finite double
/// (`1e400`), an object repeats a key (one reader would take the first, another the last), or a string holds
/// a raw control character, an unknown escape, a lone surrogate or bytes that are not UTF-8. An integer that no
/// double holds exactly (beyond ±2^53) is kept as its digits (`JSONValue.largeInteger`). `.stored` reads back
/// what earlier versions stored: the same grammar, but an out-of-range number reads as null, the last of
/// repeated keys wins and bad bytes read as U+FFFD, so that no stored value can stop a person's timeline or
/// export from being read.
struct JSONParser {
    enum Mode: Sendable { case strict, stored }

    /// Why the text is not accepted, and where (a byte offset).
    struct Failure: Error, Sendable {
        enum Reason: Sendable, Equatable {
            case syntax
            case numberOutOfRange
            case duplicateKey(String)
            case tooDeep
            /// `\x`, or a `\u` escape that names no character (a lone surrogate).
            case invalidEscape
            case controlCharacter
            case invalidUTF8
        }
        let reason: Reason
        let offset: Int
    }

    private let bytes: [UInt8]
    private let mode: Mode
    private var index = 0

    static func parse(_ text: String, mode: Mode = .strict) throws(Failure) -> JSONValue {
        try parse(Array(text.utf8), mode: mode)
    }

    static func parse(_ bytes: [UInt8], mode: Mode = .strict) throws(Failure) -> JSONValue {
        var parser = JSONParser(bytes: bytes, mode: mode)
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw parser.failure() }
        return value
    }

    private init(bytes: [UInt8], mode: Mode) {
        self.bytes = bytes
        self.mode = mode
    }

    private func failure(_ reason: Failure.Reason = .syntax) -> Failure {
        Failure(reason: reason, offset: index)
    }

    private mutating func skipSpace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 }
    }

    private mutating func value(depth: Int) throws(Failure) -> JSONValue {
        guard depth < 512 else { throw failure(.tooDeep) }
        skipSpace()
        guard index < bytes.count else { throw failure() }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            var object: [String: JSONValue] = [:]
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(object) }
            while true {
                skipSpace()
                let keyOffset = index
                let key = try string()
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure() }
                index += 1
                let element = try value(depth: depth + 1)
                if object.updateValue(element, forKey: key) != nil, mode == .strict {
                    throw Failure(reason: .duplicateKey(key), offset: keyOffset)
                }
                skipSpace()
                guard index < bytes.count else { throw failure() }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                guard bytes[index] == UInt8(ascii: "}") else { throw failure() }
                index += 1
                return .object(object)
            }
        case UInt8(ascii: "["):
            index += 1
            var list: [JSONValue] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(list) }
            while true {
                list.append(try value(depth: depth + 1))
                skipSpace()
                guard index < bytes.count else { throw failure() }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                guard bytes[index] == UInt8(ascii: "]") else { throw failure() }
                index += 1
                return .array(list)
            }
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default:
            return try number()
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, nothing else (no `+1`, `01`, `.5`, `1.`).
    private mutating func number() throws(Failure) -> JSONValue {
        let start = index
        func digits() -> Int {
            let first = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index - first
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        let integerDigits = digits()
        guard integerDigits > 0 else { throw failure() }
        guard bytes[integerStart] != UInt8(ascii: "0") || index - integerStart == 1 else { throw Failure(reason: .syntax, offset: integerStart) }
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            isInteger = false
            guard digits() > 0 else { throw failure() }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            isInteger = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw failure() }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let number = Double(text) else { throw Failure(reason: .syntax, offset: start) }
        guard number.isFinite else {
            if mode == .stored { return .null }
            throw Failure(reason: .numberOutOfRange, offset: start)
        }
        // 16 digits and more may pass 2^53 (9007199254740992), beyond which a double skips whole numbers.
        if isInteger, integerDigits >= 16, JSONValue.isInexact(text, as: number) { return .largeInteger(text) }
        return .number(number)
    }

    private mutating func literal(_ word: String, _ value: JSONValue) throws(Failure) -> JSONValue {
        let utf8 = Array(word.utf8)
        guard index + utf8.count <= bytes.count, Array(bytes[index..<(index + utf8.count)]) == utf8 else { throw failure() }
        index += utf8.count
        return value
    }

    private mutating func string() throws(Failure) -> String {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure() }
        index += 1
        let start = index
        // Most strings have no escapes: one copy. The bytes are OR-ed together on the way so that an ASCII string
        // (the common case) needs no second pass to be known as valid UTF-8.
        var highBits: UInt8 = 0
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
            if bytes[index] < 0x20, mode == .strict { throw failure(.controlCharacter) }
            highBits |= bytes[index]
            index += 1
        }
        guard index < bytes.count else { throw failure() }
        if bytes[index] == UInt8(ascii: "\"") {
            index += 1
            return try text(bytes[start..<(index - 1)], isASCII: highBits < 0x80, at: start)
        }
        var out = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return try text(out[...], isASCII: highBits < 0x80, at: start)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw failure() }
                let escaped = bytes[index]
                index += 1
                switch escaped {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    let escapeStart = index - 2
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw Failure(reason: .invalidEscape, offset: escapeStart)
                        }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw Failure(reason: .invalidEscape, offset: escapeStart) }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw Failure(reason: .invalidEscape, offset: escapeStart) }
                    UTF8.encode(unicode) { out.append($0) }
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
                default:
                    guard mode == .stored else { throw Failure(reason: .invalidEscape, offset: index - 2) }
                    out.append(escaped)
                }
            default:
                if byte < 0x20, mode == .strict { throw Failure(reason: .controlCharacter, offset: index - 1) }
                highBits |= byte
                out.append(byte)
            }
        }
        throw failure()
    }

    /// The string of these bytes: refused when they are not UTF-8 (strict), repaired with U+FFFD (stored).
    /// `isASCII` says that no raw byte had its high bit set (escapes write valid UTF-8 of their own).
    private func text(_ utf8: ArraySlice<UInt8>, isASCII: Bool, at offset: Int) throws(Failure) -> String {
        if mode == .stored || isASCII { return String(decoding: utf8, as: UTF8.self) }
        guard let text = String(validating: utf8, as: UTF8.self) else { throw Failure(reason: .invalidUTF8, offset: offset) }
        return text
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure() }
        var value: UInt32 = 0
        for byte in bytes[index..<(index + 4)] {
            value <<= 4
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value |= UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value |= UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value |= UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw Failure(reason: .invalidEscape, offset: index - 2)
            }
        }
        index += 4
        return value
    }
}
