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
}
