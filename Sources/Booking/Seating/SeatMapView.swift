import SkyportDomain

/// A flight's seat map as the API shows it (the shape of Duffel's seat maps, flattened to rows of seats): every seat
/// with its zone, place, whether it is free, and its price for the fare in question.
public struct SeatMapView: Encodable, Sendable {
    /// One seat. `status` is `available`, `occupied` or `blocked`; `passengerId` names the order's own passenger who
    /// has it, when the map is read for an order.
    public struct Seat: Encodable, Sendable {
        public let designator: String
        public let zone: SeatZone
        public let position: SeatPosition
        public let exitRow: Bool
        public let status: SeatStatus
        public let totalAmount: String
        public let totalCurrency: String
        public let passengerId: String?
    }

    public struct Row: Encodable, Sendable {
        public let number: Int
        public let exitRow: Bool
        public let seats: [Seat]
    }

    /// One cabin: its letters across a row, with an aisle (nil) between groups, and its rows.
    public struct CabinMap: Encodable, Sendable {
        public let cabinClass: String
        public let columns: [String?]
        public let rows: [Row]
    }

    public let flightId: String
    public let aircraft: String?
    public let fareBrand: String
    public let cabins: [CabinMap]
    /// Seats free in the order's (or requested) cabin.
    public let availableSeats: Int
}

/// Whether a seat can be chosen.
public enum SeatStatus: String, Encodable, Sendable {
    case available, occupied, blocked
}
