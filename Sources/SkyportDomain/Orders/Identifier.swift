/// Opaque, prefixed random identifiers (`ord_7hX2...`), as the industry's APIs use.
public enum Identifier {
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    /// `prefix_` followed by `length` random base-62 characters from the system's secure generator.
    public static func make(prefix: String, length: Int = 22) -> String {
        var generator = SystemRandomNumberGenerator()
        var characters: [Character] = []
        characters.reserveCapacity(length)
        // Eight random bytes a draw (one system call) instead of one draw a character; bytes of 248 and
        // above are skipped so that each of the 62 characters stays equally likely.
        while characters.count < length {
            var word = generator.next()
            for _ in 0..<8 where characters.count < length {
                let byte = Int(word & 0xff)
                word >>= 8
                if byte < 248 { characters.append(alphabet[byte % 62]) }
            }
        }
        return prefix + "_" + String(characters)
    }

    /// `prefix_`, the time in milliseconds as 9 base-62 characters, then 13 random ones: identifiers made
    /// later sort later (in byte order), so rows keyed by them are appended near the end of an index
    /// instead of dirtying a page anywhere in it (profiles, measured: write volume grew with the table).
    public static func makeOrdered(prefix: String, milliseconds: Int64) -> String {
        var time = max(0, milliseconds)
        var digits: [Character] = []
        for _ in 0..<9 {
            digits.append(alphabet[Int(time % 62)])
            time /= 62
        }
        let random = make(prefix: "", length: 13).dropFirst()
        return prefix + "_" + String(digits.reversed()) + random
    }
}
