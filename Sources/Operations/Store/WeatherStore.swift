import Prediction
import SQLKit
import SkyportDomain
import SkyportStore

/// The weather Operations observed (`weather_observations`): METAR reports and replayed hours, one per station and time.
enum WeatherStore {
    /// The latest observation of every airport that has one, newest first.
    static func latest(on sql: any SQLDatabase) async throws -> [WeatherObservation] {
        try await sql.raw("""
            SELECT \(unsafeRaw: ObservationRow.columns) FROM weather_observations w
            WHERE w.observed_at = (SELECT MAX(observed_at) FROM weather_observations l WHERE l.station = w.station)
            ORDER BY w.observed_at DESC, w.station
            """).all(decoding: ObservationRow.self).map(\.observation)
    }

    /// One airport's observations made in `[start, end]`, newest first.
    static func observations(at airport: String, from start: Int64, through end: Int64, on sql: any SQLDatabase) async throws -> [WeatherObservation] {
        try await sql.raw("""
            SELECT \(unsafeRaw: ObservationRow.columns) FROM weather_observations w
            WHERE w.station = \(bind: airport) AND w.observed_at >= \(bind: start) AND w.observed_at <= \(bind: end)
            ORDER BY w.observed_at DESC
            """).all(decoding: ObservationRow.self).map(\.observation)
    }

    /// The newest observation at one airport made at `latest` or before, or nil.
    static func latest(at airport: String, notAfter latest: Int64, on sql: any SQLDatabase) async throws -> WeatherObservation? {
        try await sql.raw("""
            SELECT \(unsafeRaw: ObservationRow.columns) FROM weather_observations w
            WHERE w.station = \(bind: airport) AND w.observed_at <= \(bind: latest) ORDER BY w.observed_at DESC LIMIT 1
            """).first(decoding: ObservationRow.self)?.observation
    }

    /// The stations with observations received in `(after, upTo]`.
    static func stations(receivedAfter after: Int64, upTo: Int64, on sql: any SQLDatabase) async throws -> Set<String> {
        Set(try await sql.raw("""
            SELECT DISTINCT station FROM weather_observations WHERE received_at > \(bind: after) AND received_at <= \(bind: upTo)
            """).all().map { try $0.decode(column: "station", as: String.self) })
    }

    /// One airport's observations made in `[start, end)` as the delay model reads them, in no particular order.
    static func readings(at airport: String, from start: Int64, to end: Int64, on sql: any SQLDatabase) async throws -> [WeatherReading] {
        try await sql.raw("""
            SELECT \(unsafeRaw: WeatherRow.columns) FROM weather_observations
            WHERE station = \(bind: airport) AND observed_at >= \(bind: start) AND observed_at < \(bind: end)
            """).all(decoding: WeatherRow.self).map(\.reading)
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

    static func delete(station: String, observedAt: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM weather_observations WHERE station = \(bind: station) AND observed_at = \(bind: observedAt)").run()
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
