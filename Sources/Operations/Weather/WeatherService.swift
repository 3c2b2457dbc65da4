import Booking
import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// Weather at Skyport's airports: METAR ingestion, the 2013 record as a replay source, and reads of the
/// latest observation and the recent history.
public struct WeatherService: Sendable {
    let database: any Database
    /// Told when an airport gets a new observation (the disruption engine listens).
    let observed: WakeUpSignal?
    let now: @Sendable () -> Int64

    /// At most this many lines a batch: an hour of every METAR station in the world is about 5,000.
    public static let maximumLines = 20_000

    public init(database: any Database, observed: WakeUpSignal? = nil, now: @escaping @Sendable () -> Int64) {
        self.database = database
        self.observed = observed
        self.now = now
    }

    /// Reads raw METAR/SPECI text, one report per line, and stores the reports of Skyport's airports.
    /// A malformed line is reported with its reason and the rest of the batch is still stored. A line
    /// `YYYY/MM/DD HH:MM` (as weather services print before each report) dates the reports after it;
    /// otherwise a report's day of the month is read relative to the time it is received.
    public func ingest(_ text: String, receivedAt: Int64? = nil) async throws -> MetarIngestReport {
        let received = receivedAt ?? now()
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard lines.count <= Self.maximumLines else {
            throw ServiceError(.tooLarge, code: .tooManyReports, message: "At most \(Self.maximumLines) lines a batch; this one has \(lines.count).")
        }
        let stations = try await StationDirectory.load(from: database)
        var report = MetarIngestReport()
        var ignored = Set<String>()
        var observations: [String: WeatherObservation] = [:]
        var corrections = Set<String>()
        var reference = received
        for (index, line) in lines.enumerated() {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            if let dated = Self.dateLine(text) {
                reference = dated
                continue
            }
            do {
                let metar = try MetarParser.parse(text)
                guard let airport = stations.airport(forStation: metar.station) else {
                    ignored.insert(metar.station)
                    continue
                }
                guard let observedAt = metar.observedAt(receivedAt: reference), observedAt >= received - 35 * 86_400 else {
                    report.rejected.append(.init(line: index + 1, report: String(text.prefix(200)), code: .invalidTime,
                                                 message: "Day \(metar.day) at \(metar.hour):\(metar.minute)Z is not a time near this batch."))
                    continue
                }
                let key = "\(airport)@\(observedAt)"
                // Within a batch the last report of a station and minute wins, as it would across batches.
                observations[key] = WeatherObservation(report: metar, airport: airport, observedAt: observedAt)
                if metar.isCorrection { corrections.insert(key) }
            } catch {
                report.rejected.append(.init(line: index + 1, report: String(text.prefix(200)), code: error.code, message: error.message))
            }
        }
        report.ignoredStations = ignored.sorted()
        let outcome = try await store(Array(observations.values), replacing: corrections)
        report.stored = outcome.stored
        report.corrected = outcome.replaced
        report.duplicates = observations.count - outcome.stored - outcome.replaced
        report.airports = outcome.airports
        return report
    }

    /// Stores observations: new ones are inserted; one for a station and time already stored replaces it
    /// only when it is in `replacing` (a correction) and differs. Returns what changed.
    public func store(_ observations: [WeatherObservation], replacing: Set<String> = [])
        async throws -> (stored: Int, replaced: Int, airports: [String]) {
        guard !observations.isEmpty else { return (0, 0, []) }
        let received = now()
        let outcome = try await database.transaction { sql in
            var stored = 0, replaced = 0
            var airports = Set<String>()
            for chunk in observations.sorted(by: { ($0.airport, $0.observedAt) < ($1.airport, $1.observedAt) }).chunks(of: 200) {
                let existing = try await WeatherStore.existingReports(of: Array(chunk), on: sql)
                for observation in chunk {
                    let key = "\(observation.airport)@\(observation.observedAt)"
                    if let current = existing[key] {
                        guard replacing.contains(key), current != observation.rawReport else { continue }
                        try await WeatherStore.delete(station: observation.airport, observedAt: observation.observedAt, on: sql)
                        replaced += 1
                    } else {
                        stored += 1
                    }
                    try await WeatherStore.insert(observation, receivedAt: received, on: sql)
                    airports.insert(observation.airport)
                }
            }
            return (stored: stored, replaced: replaced, airports: airports.sorted())
        }
        if !outcome.airports.isEmpty { observed?.signal(outcome.airports) }
        return outcome
    }

    /// `2013/02/08 22:51` as an instant, or nil.
    static func dateLine(_ text: String) -> Int64? {
        let parts = text.split(separator: " ")
        guard parts.count == 2, parts[0].count == 10, parts[1].count == 5 else { return nil }
        let day = parts[0].split(separator: "/"), time = parts[1].split(separator: ":")
        guard day.count == 3, time.count == 2, let year = Int(day[0]), let month = Int(day[1]), let date = Int(day[2]),
              let local = LocalDate(year: year, month: month, day: date), let hour = Int(time[0]), let minute = Int(time[1]),
              (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        return Int64(local.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60)
    }

    // MARK: - Reading

    /// The latest observation of every airport that has one, newest first.
    public func latest() async throws -> [WeatherObservation] {
        try await database.read { sql in try await WeatherStore.latest(on: sql) }
    }

    /// One airport's observations of the last `hours` before now, newest first.
    public func history(airport: String, hours: Int) async throws -> [WeatherObservation] {
        let now = now()
        return try await database.read { sql in
            try await WeatherStore.observations(at: airport, from: now - Int64(hours) * 3600, through: now + 3600, on: sql)
        }
    }

    /// Whether `airport` is one of Skyport's.
    public func knows(airport: String) async throws -> Bool {
        try await database.read { sql in try await NetworkStore.hasAirport(airport, on: sql) }
    }

    /// The newest observation at one airport, or nil.
    public func latest(airport: String) async throws -> WeatherObservation? {
        let now = now()
        return try await database.read { sql in try await WeatherStore.latest(at: airport, notAfter: now + 3600, on: sql) }
    }
}
