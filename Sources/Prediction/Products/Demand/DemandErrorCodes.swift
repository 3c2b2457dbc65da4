import SkyportDomain

/// The error codes of series forecasting (`POST /v1/forecasts`, `skyport forecast`).
extension ServiceError.Code {
    /// A frequency that is not `daily`, `weekly`, `monthly` or `quarterly`.
    public static let invalidFrequency = Self("invalid_frequency")
    /// A horizon below 1 or beyond what the series can support.
    public static let invalidHorizon = Self("invalid_horizon")
    /// An interval level outside 0.5–0.99.
    public static let invalidLevel = Self("invalid_level")
    /// Timestamps and values that do not pair up, are not one period apart, or values that are not finite.
    public static let invalidSeries = Self("invalid_series")
    /// Too few values to backtest a forecast of the horizon asked.
    public static let seriesTooShort = Self("series_too_short")
}

/// The error codes of the route-demand product (`POST /v1/predictions/demand`).
extension ServiceError.Code {
    /// A route the version has no series for (not flown on enough days of its period).
    public static let unknownRoute = Self("unknown_route")
}
