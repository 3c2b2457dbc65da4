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
                let existing = try await Self.existingReports(of: Array(chunk), on: sql)
                for observation in chunk {
                    let key = "\(observation.airport)@\(observation.observedAt)"
                    if let current = existing[key] {
                        guard replacing.contains(key), current != observation.rawReport else { continue }
                        try await sql.raw("DELETE FROM weather_observations WHERE station = \(bind: observation.airport) AND observed_at = \(bind: observation.observedAt)").run()
                        replaced += 1
                    } else {
                        stored += 1
                    }
                    try await Self.insert(observation, receivedAt: received, on: sql)
                    airports.insert(observation.airport)
                }
            }
            return (stored: stored, replaced: replaced, airports: airports.sorted())
        }
        if !outcome.airports.isEmpty { observed?.signal(outcome.airports) }
        return outcome
    }

    static func existingReports(of observations: [WeatherObservation], on sql: any SQLDatabase) async throws -> [String: String?] {
        var existing: [String: String?] = [:]
        for airport in Set(observations.map(\.airport)) {
            let times = observations.filter { $0.airport == airport }.map(\.observedAt)
            let rows = try await sql.raw("""
                SELECT observed_at, raw_report FROM weather_observations WHERE station = \(bind: airport) AND observed_at IN (\(binds: times))
                """).all()
            for row in rows {
                existing["\(airport)@\(try row.decode(column: "observed_at", as: Int64.self))"] = try row.decode(column: "raw_report", as: String?.self)
            }
        }
        return existing
    }

    static func insert(_ observation: WeatherObservation, receivedAt: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO weather_observations (station, observed_at, temperature_f, dew_point_f, humidity_percent, wind_direction_deg,
                wind_speed_mph, wind_gust_mph, precipitation_in, pressure_mb, visibility_mi, source, raw_report, received_at,
                ceiling_ft, flight_category, present_weather)
            VALUES (\(bind: observation.airport), \(bind: observation.observedAt), \(bind: observation.temperatureF), \(bind: observation.dewPointF),
                \(bind: observation.humidityPercent), \(bind: observation.windDirectionDegrees), \(bind: observation.windSpeedMph),
                \(bind: observation.windGustMph), \(bind: observation.precipitationInches), \(bind: observation.pressureMillibars),
                \(bind: observation.visibilityMiles), \(bind: observation.source), \(bind: observation.rawReport), \(bind: receivedAt),
                \(bind: observation.ceilingFeet), \(bind: observation.flightCategory?.rawValue), \(bind: observation.presentWeather.joined(separator: " ")))
            """).run()
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
        try await database.read { sql in
            try await sql.raw("""
                SELECT \(unsafeRaw: ObservationRow.columns) FROM weather_observations w
                WHERE w.observed_at = (SELECT MAX(observed_at) FROM weather_observations l WHERE l.station = w.station)
                ORDER BY w.observed_at DESC, w.station
                """).all(decoding: ObservationRow.self).map(\.observation)
        }
    }

    /// One airport's observations of the last `hours` before now, newest first.
    public func history(airport: String, hours: Int) async throws -> [WeatherObservation] {
        let since = now() - Int64(hours) * 3600
        return try await database.read { sql in
            try await sql.raw("""
                SELECT \(unsafeRaw: ObservationRow.columns) FROM weather_observations w
                WHERE w.station = \(bind: airport) AND w.observed_at >= \(bind: since) AND w.observed_at <= \(bind: now() + 3600)
                ORDER BY w.observed_at DESC
                """).all(decoding: ObservationRow.self).map(\.observation)
        }
    }

    /// Whether `airport` is one of Skyport's.
    public func knows(airport: String) async throws -> Bool {
        try await database.read { sql in try await NetworkStore.hasAirport(airport, on: sql) }
    }

    /// The newest observation at one airport, or nil.
    public func latest(airport: String) async throws -> WeatherObservation? {
        try await database.read { sql in
            try await sql.raw("""
                SELECT \(unsafeRaw: ObservationRow.columns) FROM weather_observations w
                WHERE w.station = \(bind: airport) AND w.observed_at <= \(bind: now() + 3600) ORDER BY w.observed_at DESC LIMIT 1
                """).first(decoding: ObservationRow.self)?.observation
        }
    }
}

/// A `weather_observations` row.
struct ObservationRow: Decodable {
    static let columns = """
        w.station, w.observed_at, w.temperature_f, w.dew_point_f, w.humidity_percent, w.wind_direction_deg, w.wind_speed_mph,
        w.wind_gust_mph, w.precipitation_in, w.pressure_mb, w.visibility_mi, w.source, w.raw_report, w.ceiling_ft,
        w.flight_category, w.present_weather
        """
    let station: String
    let observed_at: Int64
    let temperature_f: Double?
    let dew_point_f: Double?
    let humidity_percent: Double?
    let wind_direction_deg: Double?
    let wind_speed_mph: Double?
    let wind_gust_mph: Double?
    let precipitation_in: Double?
    let pressure_mb: Double?
    let visibility_mi: Double?
    let source: String
    let raw_report: String?
    let ceiling_ft: Int?
    let flight_category: String?
    let present_weather: String?

    var observation: WeatherObservation {
        var observation = WeatherObservation(
            airport: station, observedAt: observed_at, temperatureF: temperature_f, dewPointF: dew_point_f, humidityPercent: humidity_percent,
            windDirectionDegrees: wind_direction_deg, windSpeedMph: wind_speed_mph, windGustMph: wind_gust_mph,
            precipitationInches: precipitation_in, pressureMillibars: pressure_mb, visibilityMiles: visibility_mi)
        observation.ceilingFeet = ceiling_ft
        observation.flightCategory = flight_category.flatMap(FlightCategory.init(rawValue:)) ?? observation.flightCategory
        observation.presentWeather = (present_weather ?? "").split(separator: " ").map(String.init)
        observation.source = source
        observation.rawReport = raw_report
        return observation
    }
}
