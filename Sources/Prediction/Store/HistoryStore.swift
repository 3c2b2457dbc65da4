import SQLKit
import SkyportStore

/// The 2013 record as other modules may read it (the storm replay's weather feed).
public enum HistoryStore {
    /// The hourly readings made in `[start, end)` at every airport of the record, oldest first (by airport within an hour).
    public static func weather(from start: Int64, to end: Int64, on sql: any SQLDatabase) async throws -> [(airport: String, reading: WeatherReading)] {
        try await sql.raw("""
            SELECT origin, \(unsafeRaw: WeatherRow.columns) FROM historical_weather
            WHERE observed_at >= \(bind: start) AND observed_at < \(bind: end) ORDER BY observed_at, origin
            """).all().map { row in
            (airport: try row.decode(column: "origin", as: String.self), reading: try row.decode(model: WeatherRow.self).reading)
        }
    }
}
