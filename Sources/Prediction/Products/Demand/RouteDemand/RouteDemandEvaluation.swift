import Foundation
import Forecasting

/// How route-demand forecasts made at the end of the training days did over the held-out days, beside two simple
/// baselines measured on the same routes and days.
public struct RouteDemandEvaluation: Codable, Sendable, Equatable {
    /// The accuracy of one way of forecasting over every route and held-out day.
    public struct Errors: Codable, Sendable, Equatable {
        /// Weighted absolute percentage error: all routes' absolute errors over all their seats, in percent.
        public let wape: Double
        /// The median over routes of each route's daily MAPE, in percent (days with no departure left out).
        public let medianRouteMape: Double
        /// The mean over routes of each route's MASE (scaled by its training days' seasonal naive error).
        public let meanMase: Double
        /// The daily MAPE of the network's total (all routes summed), in percent.
        public let networkMape: Double
        /// The median over routes of the error of the held-out period's total, in percent (what a planner sizing
        /// capacity for those weeks reads).
        public let medianPeriodTotalError: Double
        /// The share of route-days inside the prediction interval; nil for a baseline without one.
        public let coverage: Double?
    }

    /// One route's daily MAPE, the model's and seasonal naive's.
    public struct RouteError: Codable, Sendable, Equatable {
        public let route: String
        public let method: String
        public let mape: Double
        public let seasonalNaiveMape: Double
    }

    public let trainPeriod: String
    public let testPeriod: String
    public let routes: Int
    public let level: Double
    public let model: Errors
    /// Each day repeats the same weekday of the last training week.
    public let seasonalNaive: Errors
    /// Each day is the mean of the same weekday over the last four training weeks.
    public let weekdayMean: Errors
    /// How many routes each method was chosen for (by the backtest on the training days).
    public let methods: [String: Int]
    /// The routes the model forecast worst.
    public let worstRoutes: [RouteError]
    public let seconds: Double
}

/// Adds up one way of forecasting's errors over routes, for `RouteDemandEvaluation.Errors`.
struct RouteErrorTally {
    private var absoluteErrors = 0.0, actualTotal = 0.0, inside = 0, days = 0
    private var routeMapes: [Double] = []
    private var routeMases: [Double] = []
    private var periodErrors: [Double] = []
    private var networkActual: [Double] = [], networkForecast: [Double] = []
    let hasIntervals: Bool

    init(hasIntervals: Bool) {
        self.hasIntervals = hasIntervals
    }

    /// One route's held-out days: `actual`, the forecast, and the training days (MASE's scale). Returns the route's
    /// daily MAPE, nil when it flew on none of those days.
    @discardableResult
    mutating func add(actual: [Double], forecast: [ForecastPoint], training: [Double]) -> Double? {
        if networkActual.isEmpty {
            networkActual = Array(repeating: 0, count: actual.count)
            networkForecast = networkActual
        }
        var percentages: [Double] = []
        for (index, (value, point)) in zip(actual, forecast).enumerated() {
            absoluteErrors += abs(value - point.value)
            actualTotal += value
            if value >= point.lower && value <= point.upper { inside += 1 }
            if value > 0 { percentages.append(abs(value - point.value) / value * 100) }
            networkActual[index] += value
            networkForecast[index] += point.value
        }
        days += actual.count
        let routeMape = percentages.isEmpty ? nil : percentages.reduce(0, +) / Double(percentages.count)
        if let routeMape { routeMapes.append(routeMape) }
        let accuracy = ForecastAccuracy.measure(actual: actual, forecast: forecast, training: training, seasonLength: 7)
        if let mase = accuracy.mase { routeMases.append(mase) }
        let actualSum = actual.reduce(0, +), forecastSum = forecast.reduce(0) { $0 + $1.value }
        if actualSum > 0 { periodErrors.append(abs(actualSum - forecastSum) / actualSum * 100) }
        return routeMape
    }

    var errors: RouteDemandEvaluation.Errors {
        let network = zip(networkActual, networkForecast).filter { $0.0 > 0 }.map { abs($0.0 - $0.1) / $0.0 * 100 }
        return .init(wape: actualTotal > 0 ? absoluteErrors / actualTotal * 100 : 0, medianRouteMape: Self.median(routeMapes),
                     meanMase: routeMases.isEmpty ? 0 : routeMases.reduce(0, +) / Double(routeMases.count),
                     networkMape: network.isEmpty ? 0 : network.reduce(0, +) / Double(network.count),
                     medianPeriodTotalError: Self.median(periodErrors), coverage: hasIntervals && days > 0 ? Double(inside) / Double(days) : nil)
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted(), middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
