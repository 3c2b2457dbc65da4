/// Where departures, their airport's timeline and their outcomes come from: the live schedule, or the
/// 2013 record (for training, evaluation and replay). The feature builder is the same for both.
public protocol DepartureSource: Sendable {
    /// `schedule` or `history`: recorded with every prediction.
    var name: String { get }

    /// One departure by its reference, or nil.
    func departure(reference: String) async throws -> ScheduledDeparture?

    /// Departures scheduled in `[start, end)`, in scheduled order.
    func departures(scheduledFrom start: Int64, to end: Int64) async throws -> [ScheduledDeparture]

    /// What happened at `airport`: departures scheduled in `[start, end)` and weather observed in it.
    func timeline(airport: String, from start: Int64, to end: Int64) async throws -> OriginTimeline

    /// Departure delays in minutes of the departures that have left, by reference.
    func outcomes(of references: [String]) async throws -> [String: Double]
}

extension DepartureSource {
    /// The timeline that covers every window the builder reads for departures scheduled in `[start, end)`
    /// with predictions at their lead time.
    func timeline(airport: String, covering start: Int64, to end: Int64, leadTimeMinutes: Int) async throws -> OriginTimeline {
        // Nine days back covers the seven-day history before local midnight, the six-hour windows and departures long overdue.
        try await timeline(airport: airport, from: start - Int64(leadTimeMinutes) * 60 - 9 * 86_400, to: end + 3600)
    }
}
