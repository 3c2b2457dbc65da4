/// Nested availability of a cabin's booking classes, derived from its capacity and seats sold.
///
/// Each class has a booking limit: the cabin's capacity times the load factor at which it closes.
/// Limits grow with price, so a higher class can always sell a seat a lower class could (nesting),
/// and the cheapest classes close first as the flight fills.
public struct SeatAvailability: Sendable, Hashable {
    public let capacity: Int
    public let sold: Int

    public init(capacity: Int, sold: Int) {
        self.capacity = capacity
        self.sold = sold
    }

    public var seatsRemaining: Int { max(0, capacity - sold) }

    /// The most seats the cabin may have sold in total while `bookingClass` is still open.
    public func bookingLimit(for bookingClass: BookingClass) -> Int {
        bookingClass.closesAtLoadPercent >= 100 ? capacity : capacity * bookingClass.closesAtLoadPercent / 100
    }

    /// Seats `bookingClass` can still sell.
    public func available(in bookingClass: BookingClass) -> Int {
        max(0, min(bookingLimit(for: bookingClass), capacity) - sold)
    }

    /// The cheapest class of `brand` with at least `seats` seats open, or nil.
    public func cheapestOpenClass(of brand: FareBrand, seats: Int) -> BookingClass? {
        FareLadder.classes(in: brand.cabin).first { $0.brand == brand && available(in: $0) >= seats }
    }

    /// Availability as reservation systems show it, highest class first, capped at 9 (`Y9 B9 M4 H0 Q0 V0`).
    public func display(cabin: Cabin) -> String {
        FareLadder.classes(in: cabin).reversed().map { "\($0.code)\(min(9, available(in: $0)))" }.joined(separator: " ")
    }
}
