/// A three-letter IATA location code, upper case.
public struct AirportCode: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let value: String

    /// Accepts exactly three ASCII letters (any case); nil otherwise.
    public init?(_ raw: String) {
        let upper = raw.uppercased()
        guard upper.utf8.count == 3, upper.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) else { return nil }
        value = upper
    }

    public var description: String { value }
    public static func < (lhs: AirportCode, rhs: AirportCode) -> Bool { lhs.value < rhs.value }
}
