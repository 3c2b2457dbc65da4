/// A cabin (compartment) of an aircraft.
public enum Cabin: String, Sendable, Codable, CaseIterable, Hashable {
    case economy
    case business

    /// The IATA compartment code printed on boarding passes.
    public var compartmentCode: String { self == .economy ? "Y" : "J" }
}

/// How an aircraft's seats are split into cabins.
public enum CabinLayout {
    /// Aircraft with at least this many seats get a business cabin.
    public static let businessCabinMinimumSeats = 100
    /// Seat counts below this in the aircraft registry are treated as unreliable (light aircraft
    /// records); the route's fallback capacity is used instead.
    public static let minimumCredibleSeats = 20

    /// Seats per cabin: aircraft of 100 seats or more have a business cabin of one seat in twelve
    /// (at least 8); smaller aircraft are all economy.
    public static func seats(forAircraftSeats total: Int) -> [Cabin: Int] {
        guard total >= businessCabinMinimumSeats else { return [.economy: total] }
        let business = max(8, total / 12)
        return [.business: business, .economy: total - business]
    }
}
