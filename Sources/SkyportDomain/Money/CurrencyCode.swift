/// An ISO 4217 currency code with its minor-unit exponent.
public struct CurrencyCode: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The three upper-case letters, e.g. `USD`.
    public let code: String
    /// Digits after the decimal point in this currency (2 for USD, 0 for KRW).
    public let minorUnitDigits: Int

    private static let exponents: [String: Int] = [
        "USD": 2, "EUR": 2, "GBP": 2, "CAD": 2, "KRW": 0, "JPY": 0, "CHF": 2, "AUD": 2, "CNY": 2,
    ]

    /// Creates a code the platform knows the exponent of; nil for anything else.
    public init?(_ code: String) {
        guard let digits = Self.exponents[code] else { return nil }
        self.code = code
        self.minorUnitDigits = digits
    }

    public static let usd = CurrencyCode("USD")!

    public var description: String { code }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let value = CurrencyCode(raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown currency \(raw)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
