import Prediction
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
        // As stored observations read: the record has no report text, sky or present weather.
        try await database.read { sql in try await HistoryStore.weather(from: start, to: end, on: sql) }.map { airport, reading in
            var observation = WeatherObservation(
                airport: airport, observedAt: reading.observedAt, temperatureF: reading.temperatureF, dewPointF: reading.dewPointF,
                humidityPercent: reading.humidityPercent, windDirectionDegrees: reading.windDirectionDeg, windSpeedMph: reading.windSpeedMph,
                windGustMph: reading.windGustMph, precipitationInches: reading.precipitationIn, pressureMillibars: reading.pressureMb,
                visibilityMiles: reading.visibilityMi)
            observation.source = WeatherObservation.historicalSource
            return observation
        }
    }
}
