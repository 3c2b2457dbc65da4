import SkyportDomain

/// A JSON encoder that writes straight into a byte array, with snake_case keys.
///
/// Foundation's `JSONEncoder` builds a tree of boxed values and converts every key through a
/// string copy; profiling the search endpoint showed it taking about 40% of the time. This one streams:
/// each value is written as it is encoded, and keys are converted byte by byte into the output
/// (cheaper, measured, than looking them up in a shared cache). It supports what the API's
/// response types use (keyed and unkeyed containers, single values, optionals, arrays, dictionaries);
/// nested containers requested by key and super-encoders are not supported and fail loudly.
public enum StreamingJSONEncoder {
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let sink = JSONSink()
        sink.bytes.reserveCapacity(4096)
        let level = JSONLevel()
        try value.encode(to: StreamingEncoder(sink: sink, level: level))
        level.close(into: sink)
        return sink.bytes
    }
}

/// The output buffer shared by every container of one encoding.
final class JSONSink {
    var bytes: [UInt8] = []

    func write(_ string: String) {
        JSONText.appendString(string, to: &bytes)
    }

    func writeRaw(_ text: String) { bytes += text.utf8 }

    /// `flightId` -> `"flight_id":`
    func writeKey(_ key: String) {
        bytes.append(UInt8(ascii: "\""))
        Self.appendSnakeCase(key, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// The wire name of a Swift property: `departingAtLocal` -> `departing_at_local`; a run of capitals is one
    /// word: `disruptionID` -> `disruption_id`, `eu261CompensationEUR` -> `eu261_compensation_eur`.
    static func snakeCase(_ name: String) -> String {
        var bytes: [UInt8] = []
        appendSnakeCase(name, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func appendSnakeCase(_ name: String, to bytes: inout [UInt8]) {
        func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
        func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
        let utf8 = Array(name.utf8)
        for (index, byte) in utf8.enumerated() {
            guard isUpper(byte) else {
                bytes.append(byte)
                continue
            }
            if index > 0 {
                let previous = utf8[index - 1]
                let nextIsLower = index + 1 < utf8.count && isLower(utf8[index + 1])
                // A new word starts after a lower-case letter or digit, or at the last capital of a run before lower case.
                if !isUpper(previous) || nextIsLower { bytes.append(UInt8(ascii: "_")) }
            }
            bytes.append(byte + 32)
        }
    }

    func write(_ value: Double) throws {
        guard value.isFinite else { throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "JSON has no \(value)")) }
        writeRaw(value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value))
    }
}

/// The container one value opened: nothing yet, an object or an array, and how many members it has.
final class JSONLevel {
    enum Kind { case none, object, array, single }
    var kind = Kind.none
    var count = 0

    func open(_ kind: Kind, into sink: JSONSink) {
        guard self.kind == .none else { return }
        self.kind = kind
        if kind == .object { sink.bytes.append(UInt8(ascii: "{")) }
        if kind == .array { sink.bytes.append(UInt8(ascii: "[")) }
    }

    /// Starts the next member: a comma after the first.
    func nextMember(into sink: JSONSink) {
        if count > 0 { sink.bytes.append(UInt8(ascii: ",")) }
        count += 1
    }

    func close(into sink: JSONSink) {
        switch kind {
        case .object: sink.bytes.append(UInt8(ascii: "}"))
        case .array: sink.bytes.append(UInt8(ascii: "]"))
        case .none: sink.writeRaw("{}")
        case .single: break
        }
    }
}

struct StreamingEncoder: Encoder {
    let sink: JSONSink
    let level: JSONLevel
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        level.open(.object, into: sink)
        return KeyedEncodingContainer(KeyedStreamingContainer<Key>(sink: sink, level: level))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        level.open(.array, into: sink)
        return UnkeyedStreamingContainer(sink: sink, level: level)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        level.open(.single, into: sink)
        return SingleStreamingContainer(sink: sink)
    }

    /// Writes any value: the common scalars directly, anything else through its own `encode(to:)`.
    static func write<T: Encodable>(_ value: T, into sink: JSONSink) throws {
        switch value {
        case let string as String: sink.write(string)
        case let int as Int: sink.writeRaw(String(int))
        case let int as Int64: sink.writeRaw(String(int))
        case let bool as Bool: sink.writeRaw(bool ? "true" : "false")
        case let double as Double: try sink.write(double)
        default:
            let child = JSONLevel()
            try value.encode(to: StreamingEncoder(sink: sink, level: child))
            child.close(into: sink)
        }
    }
}

struct KeyedStreamingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let sink: JSONSink
    let level: JSONLevel
    var codingPath: [any CodingKey] { [] }
    /// A dictionary's keys (a key type that takes any string) are data, written as they are; only the
    /// names of Swift properties become snake_case.
    let verbatim: Bool

    init(sink: JSONSink, level: JSONLevel) {
        self.sink = sink
        self.level = level
        verbatim = Key(stringValue: "\u{1}") != nil
    }

    private func key(_ key: Key) {
        level.nextMember(into: sink)
        if verbatim {
            sink.write(key.stringValue)
            sink.bytes.append(UInt8(ascii: ":"))
        } else {
            sink.writeKey(key.stringValue)
        }
    }

    mutating func encodeNil(forKey key: Key) throws {
        self.key(key)
        sink.writeRaw("null")
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        self.key(key)
        try StreamingEncoder.write(value, into: sink)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        preconditionFailure("StreamingJSONEncoder does not support nested containers; encode a nested value instead")
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        preconditionFailure("StreamingJSONEncoder does not support nested containers; encode a nested value instead")
    }

    mutating func superEncoder() -> any Encoder { preconditionFailure("StreamingJSONEncoder does not support super encoders") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { preconditionFailure("StreamingJSONEncoder does not support super encoders") }
}

struct UnkeyedStreamingContainer: UnkeyedEncodingContainer {
    let sink: JSONSink
    let level: JSONLevel
    var codingPath: [any CodingKey] { [] }
    var count: Int { level.count }

    mutating func encodeNil() throws {
        level.nextMember(into: sink)
        sink.writeRaw("null")
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        level.nextMember(into: sink)
        try StreamingEncoder.write(value, into: sink)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        preconditionFailure("StreamingJSONEncoder does not support nested containers; encode a nested value instead")
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        preconditionFailure("StreamingJSONEncoder does not support nested containers; encode a nested value instead")
    }

    mutating func superEncoder() -> any Encoder { preconditionFailure("StreamingJSONEncoder does not support super encoders") }
}

struct SingleStreamingContainer: SingleValueEncodingContainer {
    let sink: JSONSink
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { sink.writeRaw("null") }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try StreamingEncoder.write(value, into: sink)
    }
}
