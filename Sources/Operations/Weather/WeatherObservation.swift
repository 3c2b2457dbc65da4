import SkyportDomain

/// One observation at an airport, stored in the units of the 2013 record so the delay model reads live
/// and historical weather alike, with what METAR adds (ceiling, flight category, present weather).
public struct WeatherObservation: Sendable, Equatable {
    /// The airport's code (`JFK`), not the ICAO station.
    public var airport: String
    public var observedAt: Int64
    public var temperatureF: Double?
    public var dewPointF: Double?
    public var humidityPercent: Double?
    public var windDirectionDegrees: Double?
    public var windSpeedMph: Double?
    public var windGustMph: Double?
    public var precipitationInches: Double?
    public var pressureMillibars: Double?
    public var visibilityMiles: Double?
    public var ceilingFeet: Int?
    public var flightCategory: FlightCategory?
    public var presentWeather: [String]
    /// `metar` (ingested reports) or `replay-2013` (the 2013 record).
    public var source: String
    /// The source of observations taken from the 2013 record.
    public static let historicalSource = "replay-2013"
    public var rawReport: String?

    /// The 2013 record caps visibility at 10 miles; reports of "more than" (`P6SM`, `9999`) are stored as that cap.
    static let visibilityCapMiles = 10.0

    /// Converts a decoded report. Precipitation comes from the remarks' hourly `P` group; an automated US
    /// station sends that group only when it measured some, so a report without it and without falling
    /// precipitation stores 0, and one with precipitation but no amount stores nothing.
    public init(report: MetarReport, airport: String, observedAt: Int64) {
        self.airport = airport
        self.observedAt = observedAt
        temperatureF = report.temperatureCelsius.map { Self.fahrenheit($0) }
        dewPointF = report.dewPointCelsius.map { Self.fahrenheit($0) }
        humidityPercent = report.relativeHumidityPercent
        if let wind = report.wind {
            windDirectionDegrees = wind.directionDegrees.map(Double.init)
            windSpeedMph = Self.rounded(Double(wind.speedKnots) * 1.150779)
            windGustMph = wind.gustKnots.map { Self.rounded(Double($0) * 1.150779) }
        }
        let falling = report.weather.contains { weather in
            weather.intensity != .vicinity && weather.phenomena.contains { ["DZ", "RA", "SN", "SG", "IC", "PL", "GR", "GS", "UP"].contains($0) }
        }
        precipitationInches = report.hourlyPrecipitationInches ?? (falling ? nil : 0)
        pressureMillibars = report.seaLevelPressureHectopascals ?? report.altimeterHectopascals
        if let visibility = report.visibility {
            visibilityMiles = visibility.isMoreThan ? Self.visibilityCapMiles : min(Self.rounded(visibility.miles, scale: 1000), Self.visibilityCapMiles)
        } else if report.isCAVOK {
            visibilityMiles = Self.visibilityCapMiles
        }
        ceilingFeet = report.ceilingFeet
        flightCategory = report.flightCategory
        presentWeather = report.weather.map(\.code)
        source = "metar"
        rawReport = report.raw
    }

    /// An hour of the 2013 record. It has no sky condition, so the category is the visibility's alone.
    public init(airport: String, observedAt: Int64, temperatureF: Double?, dewPointF: Double?, humidityPercent: Double?,
                windDirectionDegrees: Double?, windSpeedMph: Double?, windGustMph: Double?, precipitationInches: Double?,
                pressureMillibars: Double?, visibilityMiles: Double?) {
        self.airport = airport
        self.observedAt = observedAt
        self.temperatureF = temperatureF
        self.dewPointF = dewPointF
        self.humidityPercent = humidityPercent
        self.windDirectionDegrees = windDirectionDegrees
        self.windSpeedMph = windSpeedMph
        self.windGustMph = windGustMph
        self.precipitationInches = precipitationInches
        self.pressureMillibars = pressureMillibars
        self.visibilityMiles = visibilityMiles
        ceilingFeet = nil
        flightCategory = FlightCategory(ceilingFeet: nil, visibilityMiles: visibilityMiles, skyReported: false)
        presentWeather = []
        source = Self.historicalSource
        rawReport = nil
    }

    static func fahrenheit(_ celsius: Double) -> Double { rounded(celsius * 9 / 5 + 32) }

    static func rounded(_ value: Double, scale: Double = 100) -> Double {
        (value * scale).rounded() / scale
    }
}
