/// A fare brand: the product a passenger picks, with its conditions.
public enum FareBrand: String, Sendable, Codable, CaseIterable, Hashable {
    case basic
    case standard
    case flex
    case business
    case businessFlex = "business_flex"

    public var cabin: Cabin {
        switch self {
        case .basic, .standard, .flex: return .economy
        case .business, .businessFlex: return .business
        }
    }

    /// The name shown to passengers.
    public var displayName: String {
        switch self {
        case .basic: return "Economy Basic"
        case .standard: return "Economy Standard"
        case .flex: return "Economy Flex"
        case .business: return "Business"
        case .businessFlex: return "Business Flex"
        }
    }

    /// The conditions of every fare in this brand, in `currency`.
    public func conditions(currency: CurrencyCode) -> FareConditions {
        func usd(_ dollars: Int64) -> Money { Money(minorUnits: dollars * 100, currency: currency) }
        switch self {
        case .basic:
            return FareConditions(refundable: false, cancellationPenalty: nil, changeable: false, changeFee: nil)
        case .standard:
            return FareConditions(refundable: true, cancellationPenalty: usd(100), changeable: true, changeFee: usd(0))
        case .flex, .businessFlex:
            return FareConditions(refundable: true, cancellationPenalty: usd(0), changeable: true, changeFee: usd(0))
        case .business:
            return FareConditions(refundable: true, cancellationPenalty: usd(200), changeable: true, changeFee: usd(0))
        }
    }
}

/// What a passenger may do with a ticket after buying it.
public struct FareConditions: Hashable, Sendable {
    /// Whether the fare part (not only taxes) is refunded on cancellation.
    public let refundable: Bool
    /// Kept from the fare per passenger on a refundable cancellation; nil when not refundable.
    public let cancellationPenalty: Money?
    public let changeable: Bool
    /// Fee per passenger for a change; nil when changes are not allowed.
    public let changeFee: Money?

    public init(refundable: Bool, cancellationPenalty: Money?, changeable: Bool, changeFee: Money?) {
        self.refundable = refundable
        self.cancellationPenalty = cancellationPenalty
        self.changeable = changeable
        self.changeFee = changeFee
    }
}

extension Cabin {
    /// The fare brands sold in this cabin, cheapest first.
    public var brands: [FareBrand] { FareBrand.allCases.filter { $0.cabin == self } }
}

extension FareConditions {
    /// An award ticket's: cancelled for all its miles and taxes back, never changed (the member cancels and books
    /// another award).
    public static let award = FareConditions(refundable: true, cancellationPenalty: nil, changeable: false, changeFee: nil)

    /// The conditions of a fare of `brand` booked in `bookingClasses`: the award's when any is an award class.
    public static func of(brand: FareBrand, bookingClasses: [String], currency: CurrencyCode) -> FareConditions {
        bookingClasses.contains(where: FareLadder.isAward) ? .award : brand.conditions(currency: currency)
    }
}
