/// Finds where each message of a batch lies in the request body, so a message is stored as the client
/// sent it, byte for byte, instead of being serialized again (which cost a quarter of collection's
/// CPU). The body has already been parsed, so it is valid JSON; this only
/// tracks nesting and strings. Nil when the body is not shaped as expected.
public enum BatchSpans {
    public static func messages(in body: [UInt8], key: String = "batch") -> [Range<Int>]? {
        var index = 0
        func skipSpace() {
            while index < body.count, body[index] == 0x20 || body[index] == 0x0A || body[index] == 0x0D || body[index] == 0x09 { index += 1 }
        }
        /// Moves past a string starting at `index` (on its quote); returns its raw bytes.
        func string() -> ArraySlice<UInt8>? {
            guard index < body.count, body[index] == UInt8(ascii: "\"") else { return nil }
            let start = index + 1
            index += 1
            while index < body.count {
                switch body[index] {
                case UInt8(ascii: "\\"): index += 2
                case UInt8(ascii: "\""):
                    index += 1
                    return body[start..<(index - 1)]
                default: index += 1
                }
            }
            return nil
        }
        /// Moves past any value starting at `index`.
        func value() -> Bool {
            skipSpace()
            guard index < body.count else { return false }
            switch body[index] {
            case UInt8(ascii: "\""): return string() != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while index < body.count {
                    switch body[index] {
                    case UInt8(ascii: "\""): guard string() != nil else { return false }; continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 { index += 1; return true }
                    default: break
                    }
                    index += 1
                }
                return false
            default:
                while index < body.count, !",}] \n\r\t".utf8.contains(body[index]) { index += 1 }
                return true
            }
        }
        skipSpace()
        guard index < body.count, body[index] == UInt8(ascii: "{") else { return nil }
        index += 1
        while true {
            skipSpace()
            guard let name = string() else { return nil }
            skipSpace()
            guard index < body.count, body[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            skipSpace()
            if Array(name) == Array(key.utf8) {
                guard index < body.count, body[index] == UInt8(ascii: "[") else { return nil }
                index += 1
                var spans: [Range<Int>] = []
                while true {
                    skipSpace()
                    guard index < body.count else { return nil }
                    if body[index] == UInt8(ascii: "]") { return spans }
                    let start = index
                    guard value() else { return nil }
                    spans.append(start..<index)
                    skipSpace()
                    guard index < body.count else { return nil }
                    if body[index] == UInt8(ascii: ",") { index += 1 }
                }
            }
            guard value() else { return nil }
            skipSpace()
            guard index < body.count, body[index] == UInt8(ascii: ",") else { return nil }
            index += 1
        }
    }
}
