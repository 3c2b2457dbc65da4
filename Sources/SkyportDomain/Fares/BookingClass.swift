/// A reservation booking designator (RBD) in a cabin's nested fare ladder.
public struct BookingClass: Hashable, Sendable {
    /// One letter, e.g. `Y`.
    public let code: String
    public let cabin: Cabin
    public let brand: FareBrand
    /// Price of this class as a percentage of the cabin's lowest fare.
    public let pricePercent: Int64
    /// The class stops selling once the cabin's load factor reaches this percentage.
    public let closesAtLoadPercent: Int
}

/// The fare ladders: booking classes per cabin, cheapest first.
public enum FareLadder {
    /// Economy: V Q (basic), H M (standard), B Y (flex).
    public static let economy: [BookingClass] = [
        BookingClass(code: "V", cabin: .economy, brand: .basic, pricePercent: 100, closesAtLoadPercent: 45),
        BookingClass(code: "Q", cabin: .economy, brand: .basic, pricePercent: 125, closesAtLoadPercent: 60),
        BookingClass(code: "H", cabin: .economy, brand: .standard, pricePercent: 160, closesAtLoadPercent: 75),
        BookingClass(code: "M", cabin: .economy, brand: .standard, pricePercent: 200, closesAtLoadPercent: 88),
        BookingClass(code: "B", cabin: .economy, brand: .flex, pricePercent: 260, closesAtLoadPercent: 96),
        BookingClass(code: "Y", cabin: .economy, brand: .flex, pricePercent: 340, closesAtLoadPercent: 100),
    ]

    /// Business: D C (business), J (business flex).
    public static let business: [BookingClass] = [
        BookingClass(code: "D", cabin: .business, brand: .business, pricePercent: 100, closesAtLoadPercent: 50),
        BookingClass(code: "C", cabin: .business, brand: .business, pricePercent: 130, closesAtLoadPercent: 80),
        BookingClass(code: "J", cabin: .business, brand: .businessFlex, pricePercent: 170, closesAtLoadPercent: 100),
    ]

    /// The revenue classes of `cabin`, cheapest first (award classes are apart: `award(in:)`).
    public static func classes(in cabin: Cabin) -> [BookingClass] {
        cabin == .economy ? economy : business
    }

    /// Award seats, paid with miles: X in economy, I in business. Nested below the cabin's cheapest class (an award
    /// seat is one that class could still sell), with a limit of their own. Their fares come from the award chart
    /// (`LoyaltyProgramme.awardPricing`); the price percentage only places them beside the cheapest fare in listings.
    public static let awardEconomy = BookingClass(code: "X", cabin: .economy, brand: .basic, pricePercent: 100, closesAtLoadPercent: 40)
    public static let awardBusiness = BookingClass(code: "I", cabin: .business, brand: .business, pricePercent: 100, closesAtLoadPercent: 40)

    /// The award class of `cabin`.
    public static func award(in cabin: Cabin) -> BookingClass {
        cabin == .economy ? awardEconomy : awardBusiness
    }

    /// Whether `code` is an award class.
    public static func isAward(_ code: String) -> Bool {
        code == awardEconomy.code || code == awardBusiness.code
    }

    /// The class with this code in `cabin` (a revenue or the award class), or nil.
    public static func bookingClass(_ code: String, in cabin: Cabin) -> BookingClass? {
        classes(in: cabin).first { $0.code == code } ?? [award(in: cabin)].first { $0.code == code }
    }
}
