import Foundation

/// The forecasting methods the automatic forecaster chooses among. A closed set: a new method is a new case.
public enum ForecastMethod: String, Sendable, Codable, CaseIterable {
    /// Each step repeats the value one season before: the baseline every method is measured against.
    case seasonalNaive = "seasonal_naive"
    /// Each step is the mean of the same point of the season over the last four seasons (fewer on a short series).
    case seasonalMean = "seasonal_mean"
    /// Holt-Winters exponential smoothing with an additive trend and multiplicative seasonality (ETS(A,A,M)).
    case holtWinters = "holt_winters"
    /// Holt-Winters with additive trend and seasonality on the logarithm of the series.
    case holtWintersLog = "holt_winters_log"
    /// Box and Jenkins's airline model, SARIMA(0,1,1)(0,1,1) with the season's period, by exact maximum likelihood.
    case airline
    /// The airline model on the logarithm of the series, as Box and Jenkins fitted it to airline passengers.
    case airlineLog = "airline_log"

    /// Whether the method needs every value above zero (a logarithm or a multiplicative season).
    public var needsPositiveValues: Bool {
        switch self {
        case .seasonalNaive, .seasonalMean, .airline: false
        case .holtWinters, .holtWintersLog, .airlineLog: true
        }
    }

    /// The fewest observations the method fits on, for a season of `seasonLength`.
    public func minimumLength(seasonLength: Int) -> Int {
        switch self {
        case .seasonalNaive: seasonLength + 1
        // A season to average and one more to measure its errors on.
        case .seasonalMean: 2 * seasonLength
        // Two seasons set the initial level, trend and season; a third leaves something to fit.
        case .holtWinters, .holtWintersLog: 3 * seasonLength
        // Differencing takes a season and one step; the rest must outnumber the moving-average lags.
        case .airline, .airlineLog: 3 * seasonLength + 2
        }
    }

    /// The method fitted to `values` (equally spaced, oldest first).
    public func fit(_ values: [Double], seasonLength: Int) throws(ForecastingError) -> any FittedForecaster {
        guard values.count >= minimumLength(seasonLength: seasonLength) else {
            throw .tooShort(method: self, count: values.count, needed: minimumLength(seasonLength: seasonLength))
        }
        guard !needsPositiveValues || values.allSatisfy({ $0 > 0 }) else { throw .needsPositiveValues(method: self) }
        switch self {
        case .seasonalNaive: return SeasonalNaive(values: values, seasonLength: seasonLength)
        case .seasonalMean: return SeasonalMean(values: values, seasonLength: seasonLength)
        case .holtWinters: return HoltWinters.fit(values, seasonLength: seasonLength, seasonality: .multiplicative, method: self)
        case .holtWintersLog: return HoltWinters.fit(values.map { log($0) }, seasonLength: seasonLength, seasonality: .additive, method: self, scale: .logarithm)
        case .airline: return AirlineModel.fit(values, seasonLength: seasonLength, method: self)
        case .airlineLog: return AirlineModel.fit(values.map { log($0) }, seasonLength: seasonLength, method: self, scale: .logarithm)
        }
    }
}

/// Why a series cannot be forecast.
public enum ForecastingError: Error, Equatable, Sendable {
    case tooShort(method: ForecastMethod, count: Int, needed: Int)
    case needsPositiveValues(method: ForecastMethod)
    /// The series is too short for even one backtest origin.
    case tooShortToBacktest(count: Int, needed: Int)
    case nonFiniteValue(index: Int)
}
