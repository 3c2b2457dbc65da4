/// An amount of money in integer minor units (cents) of one currency. Never floating point.
public struct Money: Hashable, Sendable, Comparable {
    /// Amount in minor units of `currency`.
    public let minorUnits: Int64
    public let currency: CurrencyCode

    public init(minorUnits: Int64, currency: CurrencyCode) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    public static func zero(_ currency: CurrencyCode) -> Money { Money(minorUnits: 0, currency: currency) }

    /// Parses a decimal string as `decimalString` writes it ("123.40", "-5.00", "1200" for KRW); nil when it does not fit the currency.
    public init?(decimalString text: String, currency: CurrencyCode) {
        let negative = text.hasPrefix("-")
        let parts = (negative ? text.dropFirst() : Substring(text)).split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int64(parts[0]), parts[0].allSatisfy(\.isNumber) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count == (parts.count == 2 ? currency.minorUnitDigits : 0), fraction.allSatisfy(\.isNumber) else { return nil }
        var scale: Int64 = 1
        for _ in 0..<currency.minorUnitDigits { scale *= 10 }
        let minor = whole * scale + (Int64(fraction) ?? 0)
        self.init(minorUnits: negative ? -minor : minor, currency: currency)
    }

    /// The amount as a decimal string with the currency's digits, as the industry's APIs show it ("123.40").
    public var decimalString: String {
        let digits = currency.minorUnitDigits
        guard digits > 0 else { return String(minorUnits) }
        var divisor: Int64 = 1
        for _ in 0..<digits { divisor *= 10 }
        let sign = minorUnits < 0 ? "-" : ""
        let magnitude = minorUnits.magnitude
        let whole = magnitude / UInt64(divisor)
        let fraction = String(magnitude % UInt64(divisor))
        return sign + String(whole) + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    public static func + (lhs: Money, rhs: Money) -> Money {
        precondition(lhs.currency == rhs.currency, "adding \(lhs.currency) to \(rhs.currency)")
        return Money(minorUnits: lhs.minorUnits + rhs.minorUnits, currency: lhs.currency)
    }

    public static func - (lhs: Money, rhs: Money) -> Money {
        precondition(lhs.currency == rhs.currency, "subtracting \(rhs.currency) from \(lhs.currency)")
        return Money(minorUnits: lhs.minorUnits - rhs.minorUnits, currency: lhs.currency)
    }

    public static func * (lhs: Money, rhs: Int) -> Money {
        Money(minorUnits: lhs.minorUnits * Int64(rhs), currency: lhs.currency)
    }

    public static func < (lhs: Money, rhs: Money) -> Bool {
        precondition(lhs.currency == rhs.currency, "comparing \(lhs.currency) with \(rhs.currency)")
        return lhs.minorUnits < rhs.minorUnits
    }

    /// `self` scaled by `numerator / denominator`, rounded half away from zero to the minor unit.
    public func scaled(by numerator: Int64, over denominator: Int64) -> Money {
        precondition(denominator > 0)
        let product = minorUnits * numerator
        let half = denominator / 2
        let rounded = product >= 0 ? (product + half) / denominator : (product - half) / denominator
        return Money(minorUnits: rounded, currency: currency)
    }

    /// `self` rounded up to a whole major unit (fares are published in whole dollars).
    public func roundedUpToWholeUnits() -> Money {
        var unit: Int64 = 1
        for _ in 0..<currency.minorUnitDigits { unit *= 10 }
        let remainder = minorUnits % unit
        return remainder == 0 ? self : Money(minorUnits: minorUnits - remainder + unit, currency: currency)
    }
}

extension Sequence where Element == Money {
    /// The sum of the amounts, all in `currency`.
    public func sum(in currency: CurrencyCode) -> Money {
        reduce(Money.zero(currency), +)
    }
}
