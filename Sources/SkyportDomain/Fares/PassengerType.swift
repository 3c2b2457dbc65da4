/// Passenger types as the industry's APIs name them.
public enum PassengerType: String, Sendable, Codable, CaseIterable, Hashable {
    case adult
    case child
    /// An infant on an adult's lap: no seat of its own.
    case infantWithoutSeat = "infant_without_seat"

    /// Whether the passenger occupies a seat in the inventory.
    public var takesSeat: Bool { self != .infantWithoutSeat }

    /// IATA passenger type code.
    public var ptc: String {
        switch self {
        case .adult: return "ADT"
        case .child: return "CHD"
        case .infantWithoutSeat: return "INF"
        }
    }
}
