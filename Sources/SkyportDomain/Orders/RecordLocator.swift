/// A six-character booking reference (PNR record locator).
public struct RecordLocator: Hashable, Sendable, CustomStringConvertible {
    /// Letters and digits without look-alikes (no I, O, 0, 1).
    public static let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
    public let value: String

    /// Accepts six characters of the alphabet, in any case; nil otherwise.
    public init?(_ raw: String) {
        let upper = raw.uppercased()
        guard upper.count == 6, upper.allSatisfy({ Self.alphabet.contains($0) }) else { return nil }
        value = upper
    }

    /// A random locator; uniqueness among live records is the store's job (unique index, retry).
    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> RecordLocator {
        RecordLocator(String((0..<6).map { _ in alphabet.randomElement(using: &generator)! }))!
    }

    public var description: String { value }
}
