import Foundation

/// One decoded METAR or SPECI report, with the ceiling and flight category worked out.
public struct MetarReport: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable { case metar = "METAR", special = "SPECI" }

    public var kind: Kind
    /// The ICAO station (`KJFK`).
    public var station: String
    /// Day of the month, hour and minute (UTC) of the observation (`081751Z`).
    public var day: Int
    public var hour: Int
    public var minute: Int
    /// `AUTO`: no observer.
    public var isAutomated = false
    /// `COR`: corrects an earlier report of the same time.
    public var isCorrection = false
    public var wind: MetarWind?
    public var visibility: MetarVisibility?
    /// Ceiling and visibility OK: 10 km or more, no cloud below 5,000 ft, no significant weather.
    public var isCAVOK = false
    public var runwayVisualRanges: [RunwayVisualRange] = []
    public var weather: [PresentWeather] = []
    public var clouds: [CloudLayer] = []
    /// `CLR`, `SKC`, `NSC` or `NCD`: no cloud reported.
    public var isSkyClear = false
    public var temperatureCelsius: Double?
    public var dewPointCelsius: Double?
    /// The altimeter setting in hectopascals (from `A2992` or `Q1013`).
    public var altimeterHectopascals: Double?
    /// Sea-level pressure from the remarks (`SLP132`), hectopascals.
    public var seaLevelPressureHectopascals: Double?
    /// Precipitation of the last hour from the remarks (`P0015`), inches.
    public var hourlyPrecipitationInches: Double?
    /// Everything after `RMK`.
    public var remarks: String?
    /// The report as received, whitespace collapsed.
    public var raw: String

    /// The height of the lowest broken or overcast layer or of the vertical visibility, in feet; nil when
    /// there is none. An obscured sky whose vertical visibility cannot be measured (`VV///`) is a ceiling at the ground.
    public var ceilingFeet: Int? {
        clouds.filter { $0.cover.formsCeiling && ($0.baseFeet != nil || $0.cover == .verticalVisibility) }
            .map { $0.baseFeet ?? 0 }.min()
    }

    /// Visibility in statute miles: CAVOK counts as 10 km.
    public var visibilityMiles: Double? {
        if let visibility { return visibility.miles }
        return isCAVOK ? 10_000 / Self.metresPerMile : nil
    }

    /// The US flight category, nil when the report gives neither visibility nor sky.
    public var flightCategory: FlightCategory? {
        FlightCategory(ceilingFeet: ceilingFeet, visibilityMiles: visibilityMiles,
                       skyReported: isCAVOK || isSkyClear || !clouds.isEmpty)
    }

    /// The instant of the observation: the latest day `day` at `hour:minute` UTC that is not in the future of
    /// `receivedAt`, give or take `clockSkewAllowance` (a report may be filed ahead of its hour, or a clock run fast).
    /// A report dated the 4th received on the 3rd is last month's, never tomorrow's.
    public func observedAt(receivedAt: Int64) -> Int64? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let limit = receivedAt + Self.clockSkewAllowance
        var month = calendar.dateComponents([.year, .month], from: Date(timeIntervalSince1970: TimeInterval(limit)))
        for _ in 0..<3 {
            var components = DateComponents(year: month.year, month: month.month, day: day, hour: hour, minute: minute)
            components.timeZone = calendar.timeZone
            if let date = calendar.date(from: components), calendar.component(.day, from: date) == day {
                let instant = Int64(date.timeIntervalSince1970)
                if instant <= limit { return instant }
            }
            // Step back a month (the day may not exist in this one, or lie beyond the limit).
            if month.month == 1 { month.month = 12; month.year! -= 1 } else { month.month! -= 1 }
        }
        return nil
    }

    /// Relative humidity in percent from temperature and dew point (Magnus formula).
    public var relativeHumidityPercent: Double? {
        guard let t = temperatureCelsius, let d = dewPointCelsius else { return nil }
        func saturation(_ celsius: Double) -> Double { exp(17.625 * celsius / (243.04 + celsius)) }
        return min(100, (100 * saturation(d) / saturation(t) * 100).rounded() / 100)
    }

    /// How far ahead of the receiver's clock a report's time may be and still count as now (seconds).
    public static let clockSkewAllowance: Int64 = 60 * 60

    static let metresPerMile = 1609.344
    static let milesPerHourPerKnot = 1.150779
    static let hectopascalsPerInchOfMercury = 33.8639
}
