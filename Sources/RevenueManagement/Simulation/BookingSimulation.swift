/// Sells one flight to a stream of booking requests under a policy: each request takes the cheapest open class it
/// qualifies for and would pay, or goes away. Pure and deterministic: the requests carry all the randomness.
public enum BookingSimulation {
    /// The outcome of one departure.
    public struct Outcome: Sendable, Equatable {
        public let inventory: FlightInventory
        /// Cumulative bookings per class on each reading day (the history a pickup forecaster learns from).
        public let history: BookingHistory
        /// Requests that found no open class they would buy.
        public let turnedAway: Int
    }

    public static func sell(_ requests: [BookingRequest], capacity: Int, fares: [Double], weekday: Int, policy: InventoryPolicy) -> Outcome {
        var inventory = FlightInventory(capacity: capacity, classCount: fares.count)
        var readings: [[Int]] = []
        let days = PickupForecaster.readingDays
        var turnedAway = 0
        for request in requests {
            while readings.count < days.count && days[readings.count] > request.daysBeforeDeparture { readings.append(inventory.soldByClass) }
            let open = (request.lowestClass...request.highestClass).first {
                policy.isOpen($0, state: inventory, weekday: weekday, daysBefore: request.daysBeforeDeparture, fares: fares)
            }
            guard let type = open else {
                turnedAway += 1
                continue
            }
            inventory.soldByClass[type] += 1
            inventory.revenue += fares[type]
        }
        while readings.count < days.count { readings.append(inventory.soldByClass) }
        return Outcome(inventory: inventory, history: BookingHistory(weekday: weekday, bookings: readings), turnedAway: turnedAway)
    }

    /// The most any policy could take from these requests, knowing them all in advance: the `capacity` requests that
    /// would pay the most, each at the highest fare it would pay.
    public static func hindsight(_ requests: [BookingRequest], capacity: Int, fares: [Double]) -> (revenue: Double, sold: Int) {
        let best = requests.map { fares[$0.highestClass] }.sorted(by: >).prefix(capacity)
        return (best.reduce(0, +), best.count)
    }
}
