/// Bearer secrets (session, operator and write-key tokens): random, prefixed by their kind, and stored
/// only as their SHA-256, so a copy of the database lets nobody in.
public enum SecretToken {
    /// `prefix` followed by `bytes` random bytes in hex.
    public static func make(prefix: String, bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return prefix + (0..<bytes).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
    }

    /// What is stored for a token.
    public static func hash(_ token: String) -> String { SHA256Hex.digest(token) }
}
