import Foundation

/// When an engine reaches a number of cycles: one cycle per scheduled flight of its aircraft, counted from now; past
/// the end of the published schedule, at the aircraft's average rate over it.
public struct DueDate: Codable, Sendable, Equatable {
    /// How the date was found.
    public enum Basis: String, Codable, Sendable {
        /// The departure of the aircraft's n-th scheduled flight.
        case schedule
        /// Beyond the schedule: its last flight, then the average flights a day the schedule shows.
        case extrapolated
        /// The aircraft has no scheduled flight: no date.
        case unscheduled
    }

    /// Seconds since 1970 (nil when unscheduled).
    public let at: Int64?
    public let basis: Basis

    public init(at: Int64?, basis: Basis) {
        self.at = at
        self.basis = basis
    }

    /// The moment the `cycles`-th flight from `departures` (sorted, from now) leaves; `now` is when counting starts.
    public static func reaching(_ cycles: Double, departures: [Int64], now: Int64) -> DueDate {
        let needed = max(1, Int(cycles.rounded(.up)))
        guard let first = departures.first, let last = departures.last else { return DueDate(at: nil, basis: .unscheduled) }
        if needed <= departures.count { return DueDate(at: departures[needed - 1], basis: .schedule) }
        // Flights a day over the span the schedule covers (at least a day, so one flight does not read as infinitely many).
        let days = max(1, Double(last - min(first, now)) / 86_400)
        let perDay = Double(departures.count) / days
        let extra = Double(needed - departures.count) / perDay
        return DueDate(at: last + Int64((extra * 86_400).rounded()), basis: .extrapolated)
    }
}
