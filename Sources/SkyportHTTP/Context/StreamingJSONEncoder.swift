import Foundation
import SkyportDomain

/// A JSON encoder that writes straight into a byte array, with snake_case keys.
///
/// Foundation's `JSONEncoder` builds a tree of boxed values and converts every key through a
/// string copy; profiling the search endpoint showed it taking about 40% of the time. This one streams:
/// each value is written as it is encoded, and keys are converted byte by byte into the output
/// (cheaper, measured, than looking them up in a shared cache).
///
/// It encodes every `Encodable` as `JSONEncoder` with `.convertToSnakeCase` and its default strategies does
/// (dates as seconds since 2001, `Data` as base64, `URL` as its absolute string, `Decimal` as its digits),
/// except that the keys of a dictionary are data and stay as they are. Nested containers and super encoders
/// are written in place, so they must be filled in order: a write into a container after a later sibling was
/// opened throws an `EncodingError` instead of producing invalid JSON. It never traps.
public enum StreamingJSONEncoder {
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let sink = JSONSink()
        sink.bytes.reserveCapacity(4096)
        try StreamingEncoder.write(value, into: sink, parent: nil, at: .none)
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

    func write(_ value: Double, at level: @autoclosure () -> [any CodingKey]) throws {
        guard value.isFinite else { throw EncodingError.invalidValue(value, .init(codingPath: level(), debugDescription: "JSON has no \(value)")) }
        writeRaw(value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value))
    }

    /// A `Float` as its own shortest digits (`0.1`, not the double nearest to it), as `JSONEncoder` writes it.
    func write(_ value: Float, at level: @autoclosure () -> [any CodingKey]) throws {
        guard value.isFinite else { throw EncodingError.invalidValue(value, .init(codingPath: level(), debugDescription: "JSON has no \(value)")) }
        writeRaw(value == value.rounded() && abs(value) < 1e7 ? String(Int64(value)) : String(value))
    }
}

/// Where a value sits in its parent: under a key, at an index, or at the top.
enum JSONPathComponent {
    case none
    case key(any CodingKey)
    case index(Int)

    var codingKey: (any CodingKey)? {
        switch self {
        case .none: nil
        case .key(let key): key
        case .index(let index): JSONIndexKey(intValue: index)
        }
    }
}

struct JSONIndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}

/// The container one value opened: nothing yet, an object, an array or a single value; how many members it has;
/// and the nested container still open inside it, which is closed before the next member is written.
final class JSONLevel {
    enum Kind { case none, object, array, single }
    var kind = Kind.none
    var count = 0
    private(set) var closed = false
    /// Why every write into this level fails (a container of another kind was asked for, or the level was
    /// opened after its parent closed).
    var refusal: String?
    private var openChild: JSONLevel?
    private let parent: JSONLevel?
    private let component: JSONPathComponent

    init(parent: JSONLevel?, at component: JSONPathComponent) {
        self.parent = parent
        self.component = component
    }

    /// The keys from the top down to this level, for error messages (computed only when asked).
    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var level: JSONLevel? = self
        while let current = level {
            if let key = current.component.codingKey { path.append(key) }
            level = current.parent
        }
        return path.reversed()
    }

    func open(_ kind: Kind, into sink: JSONSink) {
        guard refusal == nil else { return }
        guard self.kind == .none else {
            if self.kind != kind, refusal == nil { refusal = "a value asked for two kinds of container" }
            return
        }
        self.kind = kind
        if kind == .object { sink.bytes.append(UInt8(ascii: "{")) }
        if kind == .array { sink.bytes.append(UInt8(ascii: "[")) }
    }

    /// Starts the next member (a comma after the first), after closing a nested container left open.
    func nextMember(into sink: JSONSink, value: @autoclosure () -> Any) throws {
        if let openChild { close(openChild, into: sink) }
        if closed || refusal != nil || (kind == .single && count > 0) {
            let reason = refusal ?? (closed ? "written after its container was finished: nested containers must be filled in order"
                                            : "a single value container holds one value")
            throw EncodingError.invalidValue(value(), .init(codingPath: codingPath, debugDescription: reason))
        }
        if count > 0 { sink.bytes.append(UInt8(ascii: ",")) }
        count += 1
    }

    /// A level for a nested container or super encoder at `component`, opened now: its member slot is written
    /// at once (the caller has written the key or the comma).
    func child(at component: JSONPathComponent, into sink: JSONSink) -> JSONLevel {
        let child = JSONLevel(parent: self, at: component)
        do {
            try nextMember(into: sink, value: ())
        } catch {
            child.refusal = "opened after its container was finished: nested containers must be filled in order"
            return child
        }
        openChild = child
        return child
    }

    private func close(_ child: JSONLevel, into sink: JSONSink) {
        child.close(into: sink)
        openChild = nil
    }

    func close(into sink: JSONSink) {
        guard !closed else { return }
        if let openChild { close(openChild, into: sink) }
        closed = true
        guard refusal == nil || kind != .none else { return }  // a refused level that never opened wrote nothing
        switch kind {
        case .object: sink.bytes.append(UInt8(ascii: "}"))
        case .array: sink.bytes.append(UInt8(ascii: "]"))
        case .none: sink.writeRaw("{}")
        case .single: if count == 0 { sink.writeRaw("null") }
        }
    }
}

struct StreamingEncoder: Encoder {
    let sink: JSONSink
    let level: JSONLevel
    var codingPath: [any CodingKey] { level.codingPath }
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
        return SingleStreamingContainer(sink: sink, level: level)
    }

    /// Writes any value: every scalar `JSONEncoder` knows directly (so that none recurses through its own
    /// `encode(to:)`), anything else through its `encode(to:)` into a level of its own.
    static func write<T: Encodable>(_ value: T, into sink: JSONSink, parent: JSONLevel?, at component: @autoclosure () -> JSONPathComponent) throws {
        switch value {
        case let string as String: sink.write(string)
        case let int as Int: sink.writeRaw(String(int))
        case let int as Int64: sink.writeRaw(String(int))
        case let bool as Bool: sink.writeRaw(bool ? "true" : "false")
        case let double as Double: try sink.write(double, at: path(parent, component()))
        case let float as Float: try sink.write(float, at: path(parent, component()))
        case let int as Int8: sink.writeRaw(String(int))
        case let int as Int16: sink.writeRaw(String(int))
        case let int as Int32: sink.writeRaw(String(int))
        case let int as UInt: sink.writeRaw(String(int))
        case let int as UInt8: sink.writeRaw(String(int))
        case let int as UInt16: sink.writeRaw(String(int))
        case let int as UInt32: sink.writeRaw(String(int))
        case let int as UInt64: sink.writeRaw(String(int))
        case let int as Int128: sink.writeRaw(String(int))
        case let int as UInt128: sink.writeRaw(String(int))
        case let decimal as Decimal:
            guard !decimal.isNaN else {
                throw EncodingError.invalidValue(decimal, .init(codingPath: path(parent, component()), debugDescription: "JSON has no NaN"))
            }
            sink.writeRaw(decimal.description)
        case let url as URL: sink.write(url.absoluteString)
        case let data as Data: sink.write(data.base64EncodedString())
        default:
            let child = JSONLevel(parent: parent, at: component())
            try value.encode(to: StreamingEncoder(sink: sink, level: child))
            child.close(into: sink)
        }
    }

    private static func path(_ parent: JSONLevel?, _ component: JSONPathComponent) -> [any CodingKey] {
        (parent?.codingPath ?? []) + [component.codingKey].compactMap { $0 }
    }
}

struct KeyedStreamingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let sink: JSONSink
    let level: JSONLevel
    var codingPath: [any CodingKey] { level.codingPath }
    /// A dictionary's keys (a key type that takes any string) are data, written as they are; only the
    /// names of Swift properties become snake_case.
    let verbatim: Bool

    init(sink: JSONSink, level: JSONLevel) {
        self.sink = sink
        self.level = level
        verbatim = Key(stringValue: "\u{1}") != nil
    }

    private func writeKey(_ key: any CodingKey) {
        if verbatim {
            sink.write(key.stringValue)
            sink.bytes.append(UInt8(ascii: ":"))
        } else {
            sink.writeKey(key.stringValue)
        }
    }

    mutating func encodeNil(forKey key: Key) throws {
        try level.nextMember(into: sink, value: Optional<Int>.none as Any)
        writeKey(key)
        sink.writeRaw("null")
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try level.nextMember(into: sink, value: value)
        writeKey(key)
        try StreamingEncoder.write(value, into: sink, parent: level, at: .key(key))
    }

    /// A level for a nested value under `key`: the key is written now, the value as it is filled.
    private func child(forKey key: any CodingKey) -> JSONLevel {
        let child = level.child(at: .key(key), into: sink)
        if child.refusal == nil { writeKey(key) }
        return child
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = child(forKey: key)
        child.open(.object, into: sink)
        return KeyedEncodingContainer(KeyedStreamingContainer<NestedKey>(sink: sink, level: child))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = child(forKey: key)
        child.open(.array, into: sink)
        return UnkeyedStreamingContainer(sink: sink, level: child)
    }

    /// Under the key `super`, as `JSONEncoder` puts a superclass's values.
    mutating func superEncoder() -> any Encoder {
        StreamingEncoder(sink: sink, level: child(forKey: JSONSuperKey()))
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        StreamingEncoder(sink: sink, level: child(forKey: key))
    }
}

struct JSONSuperKey: CodingKey {
    var stringValue: String { "super" }
    var intValue: Int? { nil }
    init() {}
    init?(stringValue: String) { nil }
    init?(intValue: Int) { nil }
}

struct UnkeyedStreamingContainer: UnkeyedEncodingContainer {
    let sink: JSONSink
    let level: JSONLevel
    var codingPath: [any CodingKey] { level.codingPath }
    var count: Int { level.count }

    mutating func encodeNil() throws {
        try level.nextMember(into: sink, value: Optional<Int>.none as Any)
        sink.writeRaw("null")
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let index = level.count
        try level.nextMember(into: sink, value: value)
        try StreamingEncoder.write(value, into: sink, parent: level, at: .index(index))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = level.child(at: .index(level.count), into: sink)
        child.open(.object, into: sink)
        return KeyedEncodingContainer(KeyedStreamingContainer<NestedKey>(sink: sink, level: child))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = level.child(at: .index(level.count), into: sink)
        child.open(.array, into: sink)
        return UnkeyedStreamingContainer(sink: sink, level: child)
    }

    mutating func superEncoder() -> any Encoder {
        StreamingEncoder(sink: sink, level: level.child(at: .index(level.count), into: sink))
    }
}

struct SingleStreamingContainer: SingleValueEncodingContainer {
    let sink: JSONSink
    let level: JSONLevel
    var codingPath: [any CodingKey] { level.codingPath }

    mutating func encodeNil() throws {
        try level.nextMember(into: sink, value: Optional<Int>.none as Any)
        sink.writeRaw("null")
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try level.nextMember(into: sink, value: value)
        try StreamingEncoder.write(value, into: sink, parent: level, at: .none)
    }
}
