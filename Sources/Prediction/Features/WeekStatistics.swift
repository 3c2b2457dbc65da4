import Foundation
import Synchronization

/// Delayed and cancelled shares at an airport over the week before a departure day, by hour of day and by airline.
/// Every departure of a day shares them, so a timeline computes them once per day and keeps them.
struct WeekStatistics: Sendable {
    struct Tally: Sendable {
        var delayed = 0
        var cancelled = 0
        var total = 0

        /// The delayed share, when there are enough departures to say.
        var share: Double? { total >= 3 ? Double(delayed) / Double(total) : nil }
        /// The share that never left, when there are enough departures to say.
        var cancelledShare: Double? { total >= 3 ? Double(cancelled) / Double(total) : nil }

        mutating func add(delayed isDelayed: Bool, cancelled isCancelled: Bool) {
            total += 1
            if isDelayed { delayed += 1 }
            if isCancelled { cancelled += 1 }
        }
    }

    var hours = [Tally](repeating: Tally(), count: 24)
    var carriers: [String: Tally] = [:]
    var all = Tally()
}

/// Computed week statistics, by day start and window end.
final class WeekStatisticsCache: Sendable {
    struct Key: Hashable {
        let dayStart: Int64
        let start: Int64
        let end: Int64
    }

    private let entries = Mutex<[Key: WeekStatistics]>([:])

    func value(for key: Key, compute: () -> WeekStatistics) -> WeekStatistics {
        if let cached = entries.withLock({ $0[key] }) { return cached }
        let computed = compute()
        entries.withLock { $0[key] = computed }
        return computed
    }
}

extension OriginTimeline {
    /// Statistics of departures scheduled in `[start, end)`; one is delayed when it left 15+ minutes late or had
    /// not left by `end` (callers pass an `end` at least an hour before their cut-off), cancelled when it had not left by `end`.
    func weekStatistics(dayStart: Int64, from start: Int64, before end: Int64) -> WeekStatistics {
        weekCache.value(for: .init(dayStart: dayStart, start: start, end: end)) {
            var statistics = WeekStatistics()
            for departure in departures(scheduledFrom: start, before: end) {
                let delayed = departure.departedAt.map { $0 - departure.scheduledAt >= 15 * 60 } ?? true
                let cancelled = (departure.departedAt ?? .max) > end
                let hour = Int(((departure.scheduledAt - dayStart) % 86_400 + 86_400) % 86_400 / 3600)
                statistics.hours[hour].add(delayed: delayed, cancelled: cancelled)
                statistics.carriers[departure.carrier, default: .init()].add(delayed: delayed, cancelled: cancelled)
                statistics.all.add(delayed: delayed, cancelled: cancelled)
            }
            return statistics
        }
    }
}
