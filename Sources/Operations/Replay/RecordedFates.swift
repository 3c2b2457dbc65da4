import Booking
import Prediction

/// The schedule's flights beside their lines in the 2013 record, matched on date, carrier, flight number and market
/// (a flight may have more than one line, or none).
struct RecordedFates {
    struct Fate {
        let flight: FlightRecord
        /// Each line's departure delay in minutes; nil for a line that never left.
        let delays: [Int?]

        /// When the record has the flight leave (its earliest line that left); nil when no line left.
        var departedAt: Int64? { delays.compactMap { $0 }.map { flight.departsAt + Int64($0) * 60 }.min() }
        /// Whether a line of the record never left.
        var cancelledInRecord: Bool { delays.contains(nil) }
    }

    private struct Key: Hashable {
        let date: String, carrier: String, flightNumber: Int, origin: String, destination: String
    }

    /// The flights that have a line in the record, in the flights' order.
    let fates: [Fate]

    init(flights: [FlightRecord], record: [RecordedFlight]) {
        let lines = Dictionary(grouping: record) {
            Key(date: $0.date, carrier: $0.carrier, flightNumber: $0.flightNumber, origin: $0.origin, destination: $0.destination)
        }
        fates = flights.compactMap { flight in
            let key = Key(date: flight.departureDate, carrier: flight.carrier, flightNumber: flight.flightNumber,
                          origin: flight.origin, destination: flight.destination)
            return lines[key].map { Fate(flight: flight, delays: $0.map(\.departureDelayMinutes)) }
        }
    }
}
