/// Everything that happens at one airport over a period, indexed for the feature builder's windows.
///
/// The timeline may hold the future (a training set holds the whole year); the builder reads it only
/// through a cut-off, so what it holds beyond that moment cannot reach a feature.
public struct OriginTimeline: Sendable {
    public let airport: String
    /// Sorted by scheduled departure.
    let departures: [DepartureRecord]
    /// The departures that left, sorted by the time they left.
    let departed: [DepartureRecord]
    /// Sorted by observation time.
    let weather: [WeatherReading]
    /// Positions in `departures` of each aircraft's departures, in scheduled order.
    let departuresByTail: [String: [Int]]
    /// Positions in `departures` of each flight number's departures, in scheduled order.
    let departuresByFlight: [FlightKey: [Int]]
    /// Whether actual departure times are recorded here. Without them every departure would look
    /// stuck at the gate, so the builder leaves the features drawn from departures missing instead.
    public let recordsDepartures: Bool
    /// Week statistics already computed (shared by the departures of a day).
    let weekCache = WeekStatisticsCache()

    public init(airport: String, departures: [DepartureRecord], weather: [WeatherReading], recordsDepartures: Bool = true) {
        self.airport = airport
        self.recordsDepartures = recordsDepartures
        let sorted = departures.sorted { $0.scheduledAt < $1.scheduledAt }
        self.departures = sorted
        self.departed = sorted.filter { $0.departedAt != nil }.sorted { $0.departedAt! < $1.departedAt! }
        self.weather = weather.sorted { $0.observedAt < $1.observedAt }
        var byTail: [String: [Int]] = [:], byFlight: [FlightKey: [Int]] = [:]
        for (position, departure) in sorted.enumerated() {
            if let tail = departure.tailNumber, !tail.isEmpty { byTail[tail, default: []].append(position) }
            byFlight[FlightKey(carrier: departure.carrier, number: departure.flightNumber), default: []].append(position)
        }
        departuresByTail = byTail
        departuresByFlight = byFlight
    }
}

/// A flight number: the airline and its number.
struct FlightKey: Hashable {
    let carrier: String
    let number: Int
}

extension Array {
    /// The first index whose element is not `isBefore` (the array is partitioned by it).
    func partitionIndex(where isBefore: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if isBefore(self[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension OriginTimeline {
    /// Departures scheduled in `[start, end)`.
    func countScheduled(from start: Int64, to end: Int64) -> Int {
        guard start < end else { return 0 }
        return departures.partitionIndex { $0.scheduledAt < end } - departures.partitionIndex { $0.scheduledAt < start }
    }

    /// Departures scheduled in `[start, end)`.
    func departures(scheduledFrom start: Int64, before end: Int64) -> ArraySlice<DepartureRecord> {
        let first = departures.partitionIndex { $0.scheduledAt < start }, last = departures.partitionIndex { $0.scheduledAt < end }
        return first < last ? departures[first..<last] : []
    }

    /// The departures of one flight number scheduled in `[start, end)`.
    func departures(ofFlight carrier: String, _ number: Int, from start: Int64, before end: Int64) -> [DepartureRecord] {
        records(at: departuresByFlight[FlightKey(carrier: carrier, number: number)] ?? [], from: start, before: end)
    }

    /// The aircraft's departures scheduled in `[start, end)`, in order; nil when the tail is unknown.
    func legsOfTail(_ tail: String?, from start: Int64, before end: Int64) -> [DepartureRecord]? {
        guard let tail, !tail.isEmpty else { return nil }
        return records(at: departuresByTail[tail] ?? [], from: start, before: end)
    }

    /// The records at `positions` (in scheduled order) scheduled in `[start, end)`.
    private func records(at positions: [Int], from start: Int64, before end: Int64) -> [DepartureRecord] {
        let first = positions.partitionIndex { departures[$0].scheduledAt < start }
        let last = positions.partitionIndex { departures[$0].scheduledAt < end }
        return first < last ? positions[first..<last].map { departures[$0] } : []
    }
}
