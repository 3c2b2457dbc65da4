/// Where a seat is in its cabin, as seat selection prices it: the airline this project follows sells extra-legroom
/// seats (bulkhead and exit rows) and seats at the front of economy for a fee, the rest at no charge.
public enum SeatZone: String, Sendable, Codable, CaseIterable, Hashable {
    case standard
    /// The first economy rows behind the bulkhead row: off the aircraft sooner.
    case front
    /// The bulkhead row and the exit rows.
    case extraLegroom = "extra_legroom"
}

/// A seat's place across its row.
public enum SeatPosition: String, Sendable, Codable, Hashable {
    case window, middle, aisle
}
