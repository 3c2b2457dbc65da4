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
        // Read as stored observations are read: the record has no report text, sky or present weather.
        try await database.read { sql in
            try await sql.raw("""
                SELECT w.origin AS station, w.observed_at, w.temperature_f, w.dew_point_f, w.humidity_percent, w.wind_direction_deg,
                    w.wind_speed_mph, w.wind_gust_mph, w.precipitation_in, w.pressure_mb, w.visibility_mi,
                    CAST(\(bind: WeatherObservation.historicalSource) AS TEXT) AS source, CAST(NULL AS TEXT) AS raw_report, CAST(NULL AS INTEGER) AS ceiling_ft,
                    CAST(NULL AS TEXT) AS flight_category, CAST(NULL AS TEXT) AS present_weather
                FROM historical_weather w WHERE w.observed_at >= \(bind: start) AND w.observed_at < \(bind: end)
                ORDER BY w.observed_at, w.origin
                """).all(decoding: ObservationRow.self).map(\.observation)
        }
    }
}
