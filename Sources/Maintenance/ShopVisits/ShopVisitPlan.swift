/// What happens to each flight an aircraft would fly while it is in the shop: another aircraft of the carrier that
/// seats every seat the flight offers and is on the ground for the whole flight (with a turnaround either side), the
/// smallest that fits so that larger ones stay free; or, when none is, a cancellation its passengers are told of.
public enum ShopVisitPlan {
    /// A flight of the aircraft in the shop.
    public struct Flight: Sendable, Equatable {
        public let id: String
        public let departsAt: Int64
        public let arrivesAt: Int64
        /// Every cabin's capacity.
        public let seats: Int

        public init(id: String, departsAt: Int64, arrivesAt: Int64, seats: Int) {
            self.id = id
            self.departsAt = departsAt
            self.arrivesAt = arrivesAt
            self.seats = seats
        }
    }

    /// Another aircraft of the carrier: its seats and the times it is flying.
    public struct Aircraft: Sendable, Equatable {
        public let tail: String
        public let seats: Int
        public let busy: [ClosedRange<Int64>]

        public init(tail: String, seats: Int, busy: [ClosedRange<Int64>]) {
            self.tail = tail
            self.seats = seats
            self.busy = busy
        }
    }

    public enum Outcome: Sendable, Equatable {
        case reassigned(tail: String)
        case cancelled
    }

    /// Minutes on the ground between two flights of one aircraft.
    public static let turnaroundSeconds: Int64 = 45 * 60

    /// Each flight's outcome, in departure order; an aircraft given a flight is busy for it when the next is planned.
    public static func outcomes(of flights: [Flight], candidates: [Aircraft]) -> [(flight: Flight, outcome: Outcome)] {
        var fleet = candidates.sorted { ($0.seats, $0.tail) < ($1.seats, $1.tail) }
        return flights.sorted { ($0.departsAt, $0.id) < ($1.departsAt, $1.id) }.map { flight in
            // On the ground a turnaround before and after: exactly a turnaround between two flights is enough.
            let needed = (flight.departsAt - turnaroundSeconds)...(flight.arrivesAt + turnaroundSeconds)
            guard let index = fleet.firstIndex(where: { aircraft in
                aircraft.seats >= flight.seats && !aircraft.busy.contains { $0.lowerBound < needed.upperBound && needed.lowerBound < $0.upperBound }
            }) else { return (flight, .cancelled) }
            fleet[index] = Aircraft(tail: fleet[index].tail, seats: fleet[index].seats, busy: fleet[index].busy + [flight.departsAt...flight.arrivesAt])
            return (flight, .reassigned(tail: fleet[index].tail))
        }
    }
}
