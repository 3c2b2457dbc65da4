/// A loyalty membership number: nine digits and a check digit (Luhn's, as on payment cards), so that a mistyped
/// number is refused before anything is looked up.
public struct MembershipNumber: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Ten digits.
    public let digits: String

    /// The number for the programme's `serial`-th member (1 to 999,999,999).
    public init(serial: Int) {
        precondition((1...999_999_999).contains(serial))
        let payload = String(repeating: "0", count: 9 - String(serial).count) + String(serial)
        digits = payload + String(Luhn.checkDigit(payload))
    }

    /// A number as typed (spaces and dashes ignored); nil unless ten digits whose last checks the others.
    public init?(_ text: String) {
        let digits = text.filter { $0 != " " && $0 != "-" }
        guard digits.count == 10, Luhn.isValid(digits) else { return nil }
        self.digits = digits
    }

    /// `123 456 789 7`, as printed on a card.
    public var description: String {
        let characters = Array(digits)
        return "\(String(characters[0..<3])) \(String(characters[3..<6])) \(String(characters[6..<9])) \(characters[9])"
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let number = MembershipNumber(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a membership number: \(text)"))
        }
        self = number
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }
}
