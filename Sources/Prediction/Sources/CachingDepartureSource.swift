import Foundation
import Synchronization

/// A departure source that keeps timelines in memory, for single predictions. Which days are settled
/// follows the business clock (`now`); how long an entry is kept follows real time.
///
/// A prediction reads nine days of its airport's history, and every other prediction at that airport
/// on that day reads the same. Timelines are widened to whole UTC days and kept, with their indexes:
/// for ten minutes when every day in them is settled (ended more than two days before `now`), for
/// five seconds otherwise, so a departure or an observation that arrives is seen within five seconds.
/// Settled days are also kept one by one, so a timeline that expires is rebuilt without re-reading them.
/// The wider span is harmless: the feature builder reads only bounded windows around each departure.
public struct CachingDepartureSource: DepartureSource {
    let source: any DepartureSource
    let now: @Sendable () -> Int64
    let days = SettledDays()
    let assembled = AssembledTimelines()

    public var name: String { source.name }

    public init(_ source: any DepartureSource, now: @escaping @Sendable () -> Int64) {
        self.source = source
        self.now = now
    }

    public func departure(reference: String) async throws -> ScheduledDeparture? { try await source.departure(reference: reference) }

    public func departures(scheduledFrom start: Int64, to end: Int64) async throws -> [ScheduledDeparture] {
        try await source.departures(scheduledFrom: start, to: end)
    }

    public func outcomes(of references: [String]) async throws -> [String: Double] { try await source.outcomes(of: references) }

    public func timeline(airport: String, from start: Int64, to end: Int64) async throws -> OriginTimeline {
        let day: Int64 = 86_400
        let from = start / day * day, to = (end + day - 1) / day * day
        let key = AssembledTimelines.Key(airport: airport, from: from, to: to)
        let maximumAge: Duration = to <= (now() / day - 2) * day ? .seconds(600) : .seconds(5)
        if let cached = assembled.timeline(key, maximumAge: maximumAge) { return cached }
        let timeline = try await assemble(airport: airport, from: from, to: to)
        assembled.store(timeline, for: key)
        return timeline
    }

    /// The timeline of `[start, end)`: settled days from memory, the rest from the source.
    private func assemble(airport: String, from start: Int64, to end: Int64) async throws -> OriginTimeline {
        let day: Int64 = 86_400
        let settled = (now() / day - 2) * day
        var departures: [DepartureRecord] = [], weather: [WeatherReading] = []
        var recordsDepartures = false
        var cursor = start
        // Whole settled days from the cache, the first one read whole and trimmed.
        while cursor < min(end, settled) {
            let dayStart = cursor / day * day
            let part = try await settledDay(airport: airport, start: dayStart)
            recordsDepartures = recordsDepartures || part.recordsDepartures
            let until = min(end, dayStart + day)
            departures += part.departures.filter { $0.scheduledAt >= cursor && $0.scheduledAt < until }
            weather += part.weather.filter { $0.observedAt >= cursor && $0.observedAt < until }
            cursor = until
        }
        if cursor < end {
            let recent = try await source.timeline(airport: airport, from: cursor, to: end)
            recordsDepartures = recordsDepartures || recent.recordsDepartures
            departures += recent.departures.filter { $0.scheduledAt >= cursor }
            weather += recent.weather.filter { $0.observedAt >= cursor }
        }
        return OriginTimeline(airport: airport, departures: departures, weather: weather, recordsDepartures: recordsDepartures)
    }

    private func settledDay(airport: String, start: Int64) async throws -> SettledDays.Day {
        let key = SettledDays.Key(airport: airport, dayStart: start)
        if let cached = days.day(key) { return cached }
        let timeline = try await source.timeline(airport: airport, from: start, to: start + 86_400)
        let day = SettledDays.Day(departures: timeline.departures.filter { $0.scheduledAt >= start && $0.scheduledAt < start + 86_400 },
                                  weather: timeline.weather, recordsDepartures: timeline.recordsDepartures, loadedAt: .now)
        days.store(day, for: key)
        return day
    }
}

/// The cached days, bounded in number and age.
final class SettledDays: Sendable {
    struct Key: Hashable {
        let airport: String
        let dayStart: Int64
    }

    struct Day {
        let departures: [DepartureRecord]
        let weather: [WeatherReading]
        let recordsDepartures: Bool
        let loadedAt: ContinuousClock.Instant
    }

    static let capacity = 2_000
    static let maximumAge: Duration = .seconds(600)
    private let days = Mutex<[Key: Day]>([:])

    func day(_ key: Key) -> Day? {
        days.withLock { days in
            guard let day = days[key], ContinuousClock.now - day.loadedAt < Self.maximumAge else { return nil }
            return day
        }
    }

    func store(_ day: Day, for key: Key) {
        days.withLock { days in
            if days.count >= Self.capacity { days.removeAll(keepingCapacity: true) }
            days[key] = day
        }
    }
}

/// Whole timelines with their indexes, by airport and span; bounded in number.
final class AssembledTimelines: Sendable {
    struct Key: Hashable {
        let airport: String
        let from: Int64
        let to: Int64
    }

    static let capacity = 128
    private let timelines = Mutex<[Key: (timeline: OriginTimeline, builtAt: ContinuousClock.Instant)]>([:])

    func timeline(_ key: Key, maximumAge: Duration) -> OriginTimeline? {
        timelines.withLock { timelines in
            guard let entry = timelines[key], ContinuousClock.now - entry.builtAt < maximumAge else { return nil }
            return entry.timeline
        }
    }

    func store(_ timeline: OriginTimeline, for key: Key) {
        let now = ContinuousClock.now
        timelines.withLock { timelines in
            if timelines.count >= Self.capacity { timelines = timelines.filter { now - $0.value.builtAt < .seconds(5) } }
            if timelines.count >= Self.capacity { timelines.removeAll(keepingCapacity: true) }
            timelines[key] = (timeline, now)
        }
    }
}
