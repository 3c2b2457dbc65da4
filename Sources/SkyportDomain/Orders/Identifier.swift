/// Opaque, prefixed random identifiers (`ord_7hX2...`), as the industry's APIs use.
public enum Identifier {
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    /// `prefix_` followed by `length` random base-62 characters from the system's secure generator.
    public static func make(prefix: String, length: Int = 22) -> String {
        var generator = SystemRandomNumberGenerator()
        return prefix + "_" + String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
