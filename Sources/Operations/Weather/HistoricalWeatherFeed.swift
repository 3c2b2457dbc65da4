import SQLKit
import SkyportStore

/// The 2013 hourly weather as observations, for replaying a day: what a weather feed would have sent.
public struct HistoricalWeatherFeed: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// The observations made in `[start, end)` at every airport of the record, oldest first.
    public func observations(from start: Int64, to end: Int64) async throws -> [WeatherObservation] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT origin, observed_at, temperature_f, dew_point_f, humidity_percent, wind_direction_deg, wind_speed_mph,
                    wind_gust_mph, precipitation_in, pressure_mb, visibility_mi
                FROM historical_weather WHERE observed_at >= \(bind: start) AND observed_at < \(bind: end)
                ORDER BY observed_at, origin
                """).all(decoding: Row.self).map(\.observation)
        }
    }

    struct Row: Decodable {
        let origin: String
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

        var observation: WeatherObservation {
            WeatherObservation(airport: origin, observedAt: observed_at, temperatureF: temperature_f, dewPointF: dew_point_f,
                               humidityPercent: humidity_percent, windDirectionDegrees: wind_direction_deg, windSpeedMph: wind_speed_mph,
                               windGustMph: wind_gust_mph, precipitationInches: precipitation_in, pressureMillibars: pressure_mb,
                               visibilityMiles: visibility_mi)
        }
    }
}
