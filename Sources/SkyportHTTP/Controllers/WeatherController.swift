import Foundation
import Hummingbird
import NIOCore
import Operations
import SkyportDomain

/// Weather at Skyport's airports.
///
/// - `POST /v1/weather/metar` (operators): raw METAR/SPECI text, one report per line (`text/plain`, up to 2 MiB).
///   200 with what was stored, corrected, duplicated, ignored (other stations) and rejected (with reasons);
///   422 `invalid_reports` when no line could be read.
/// - `GET /v1/weather/latest`: the latest observation at every airport.
/// - `GET /v1/weather/airports/{code}?hours=24`: an airport's latest observation and its history (1 to 168 hours).
public struct WeatherController: Sendable {
    let weather: WeatherService
    let access: OperatorAccess

    public init(weather: WeatherService, access: OperatorAccess) {
        self.weather = weather
        self.access = access
    }

    static let maximumBytes = 2 * 1024 * 1024

    struct Observation: Encodable, Sendable {
        let airport: String
        let observedAt: UTCInstant
        let flightCategory: String?
        let ceilingFt: Int?
        let visibilityMi: Double?
        let windDirectionDeg: Double?
        let windSpeedMph: Double?
        let windGustMph: Double?
        let temperatureF: Double?
        let dewPointF: Double?
        let humidityPercent: Double?
        let pressureMb: Double?
        let precipitationIn: Double?
        let presentWeather: [String]
        let source: String
        let rawReport: String?

        init(_ observation: WeatherObservation) {
            airport = observation.airport
            observedAt = UTCInstant(observation.observedAt)
            flightCategory = observation.flightCategory?.rawValue
            ceilingFt = observation.ceilingFeet
            visibilityMi = observation.visibilityMiles
            windDirectionDeg = observation.windDirectionDegrees
            windSpeedMph = observation.windSpeedMph
            windGustMph = observation.windGustMph
            temperatureF = observation.temperatureF
            dewPointF = observation.dewPointF
            humidityPercent = observation.humidityPercent
            pressureMb = observation.pressureMillibars
            precipitationIn = observation.precipitationInches
            presentWeather = observation.presentWeather
            source = observation.source
            rawReport = observation.rawReport
        }
    }

    struct Latest: Encodable, Sendable {
        let observations: [Observation]
    }

    struct AirportWeather: Encodable, Sendable {
        let airport: String
        let latest: Observation?
        let history: [Observation]
    }

    public func register(on router: some RouterMethods<AppRequestContext>) {
        router.post("/v1/weather/metar") { request, _ in
            _ = try await access.require(request)
            let buffer = try await JSONBody.collect(request, limit: Self.maximumBytes)
            guard buffer.readableBytes > 0 else {
                throw ServiceError(.malformed, code: .emptyBody, message: "Send METAR reports as text, one per line.")
            }
            guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
                throw ServiceError(.malformed, code: .invalidEncoding, message: "The reports must be UTF-8 (or ASCII) text.")
            }
            let report = try await weather.ingest(text)
            if report.stored + report.corrected + report.duplicates == 0, report.ignoredStations.isEmpty, let first = report.rejected.first {
                throw ServiceError(.invalid, code: .invalidReports,
                                   message: "No report could be read; line \(first.line): \(first.message) (\(first.code))")
            }
            return JSONResponse(report)
        }

        router.get("/v1/weather/latest") { _, _ in
            JSONResponse(Latest(observations: try await weather.latest().map(Observation.init)))
        }

        router.get("/v1/weather/airports/:code") { request, context in
            let code = try context.parameters.require("code").uppercased()
            guard code.count == 3, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw ServiceError(.invalid, code: .invalidAirport, message: "An airport is a 3-character code such as JFK.", field: "code")
            }
            let hours = try request.uri.queryParameters["hours"].map { raw -> Int in
                guard let hours = Int(String(raw)), (1...168).contains(hours) else {
                    throw ServiceError(.invalid, code: .invalidHours, message: "hours must be 1 to 168.", field: "hours")
                }
                return hours
            } ?? 24
            guard try await weather.knows(airport: code) else {
                throw ServiceError(.notFound, code: .airportNotFound, message: "No airport has code \(code).", field: "code")
            }
            let history = try await weather.history(airport: code, hours: hours)
            let latest = try await weather.latest(airport: code)
            return JSONResponse(AirportWeather(airport: code, latest: latest.map(Observation.init), history: history.map(Observation.init)))
        }
    }
}
