/// Nested availability of a cabin's booking classes, derived from its capacity, seats sold and booking limits.
///
/// Each class has a booking limit: the most seats the cabin may have sold while the class is still open. Revenue
/// management (or an operator) sets them per flight in `limits`; a class without one follows the load-factor rule,
/// the cabin's capacity times the load factor at which the class closes. Limits are nested: a class never sells a
/// seat that a class above it in the cabin could not, so its effective limit is the smallest of its own and those above.
public struct SeatAvailability: Sendable, Hashable {
    public let capacity: Int
    public let sold: Int
    /// Booking limits by class code, where revenue management or an operator set one.
    public let limits: [String: Int]

    public init(capacity: Int, sold: Int, limits: [String: Int] = [:]) {
        self.capacity = capacity
        self.sold = sold
        self.limits = limits
    }

    public var seatsRemaining: Int { max(0, capacity - sold) }

    /// The load-factor rule's limit for `bookingClass`: the fallback where no limit is set.
    public func loadFactorLimit(for bookingClass: BookingClass) -> Int {
        bookingClass.closesAtLoadPercent >= 100 ? capacity : capacity * bookingClass.closesAtLoadPercent / 100
    }

    /// The most seats the cabin may have sold in total while `bookingClass` is still open.
    public func bookingLimit(for bookingClass: BookingClass) -> Int {
        let ladder = FareLadder.classes(in: bookingClass.cabin)
        if bookingClass == FareLadder.award(in: bookingClass.cabin) {
            return min(limits[bookingClass.code] ?? loadFactorLimit(for: bookingClass), bookingLimit(for: ladder[0]))
        }
        let position = ladder.firstIndex(of: bookingClass) ?? 0
        let nested = ladder[position...].map { limits[$0.code] ?? loadFactorLimit(for: $0) }.min() ?? capacity
        return min(capacity, nested)
    }

    /// Seats `bookingClass` can still sell.
    public func available(in bookingClass: BookingClass) -> Int {
        max(0, bookingLimit(for: bookingClass) - sold)
    }

    /// The cheapest class of `brand` with at least `seats` seats open, or nil.
    public func cheapestOpenClass(of brand: FareBrand, seats: Int) -> BookingClass? {
        FareLadder.classes(in: brand.cabin).first { $0.brand == brand && available(in: $0) >= seats }
    }

    /// Availability as reservation systems show it, highest class first and the award class last, capped at 9
    /// (`Y9 B9 M4 H0 Q0 V0 X0`).
    public func display(cabin: Cabin) -> String {
        (FareLadder.classes(in: cabin).reversed() + [FareLadder.award(in: cabin)]).map { "\($0.code)\(min(9, available(in: $0)))" }
            .joined(separator: " ")
    }
}
