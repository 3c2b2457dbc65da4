/// What an order sells besides fares, as order items with their own prices.
public enum OrderServiceKind: String, Sendable, Codable, CaseIterable, Hashable {
    /// A chosen seat in a zone that costs extra (free seats are assignments, not items).
    case seat
    case checkedBag = "checked_bag"
}

/// Where an order item stands.
public enum OrderServiceStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case active
    /// Its price went back to the passenger.
    case refunded
    /// Its value moved to another item (a seat changed for one of the same or a dearer zone, a seat carried to a new
    /// flight).
    case replaced
    /// Kept by the airline: its order was cancelled and the rules give nothing back for it.
    case forfeited
}
