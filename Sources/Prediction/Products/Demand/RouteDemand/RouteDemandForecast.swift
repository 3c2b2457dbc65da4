import Foundation

/// A route's forecast of seats flown per day, with month totals: the answer of `POST /v1/predictions/demand`.
public struct RouteDemandForecast: Sendable, Encodable {
    public struct Day: Sendable, Encodable {
        public let date: String
        public let seats: Double
        public let lower: Double
        public let upper: Double
    }

    /// A calendar month's total over the days of it the forecast covers. Its interval adds the days' intervals up, as
    /// if their errors moved together: wider than the true one, never narrower.
    public struct Month: Sendable, Encodable {
        public let month: String
        public let days: Int
        public let seats: Double
        public let lower: Double
        public let upper: Double
    }

    /// The route's last days in the record, for comparison.
    public struct Recent: Sendable, Encodable {
        public let from: String
        public let to: String
        public let seats: Double
        public let departures: Int
    }

    public let model: DelayPrediction.Model
    public let origin: String
    public let destination: String
    /// What the numbers count: seats flown, the record's proxy for passengers.
    public let unit: String
    public let method: String
    public let level: Double
    /// Share of the route's departures whose seats were imputed (aircraft not in the registry).
    public let imputedShare: Double
    public let recent: Recent
    public let daily: [Day]
    public let months: [Month]
}

/// One route in the planning view: its forecast total over the next days beside the same number of days just before.
public struct RoutePlanningRow: Sendable, Encodable {
    public let origin: String
    public let destination: String
    public let method: String
    public let recentSeats: Double
    public let recentDeparturesPerDay: Double
    public let forecastSeats: Double
    public let lower: Double
    public let upper: Double
    /// The forecast against the recent days, in percent.
    public let changePercent: Double
}

/// The planning view: every route's demand over the next days (`POST /v1/predictions/demand/batch`).
public struct RoutePlanning: Sendable, Encodable {
    public let model: DelayPrediction.Model
    public let unit: String
    public let from: String
    public let to: String
    public let recentFrom: String
    public let recentTo: String
    public let level: Double
    public let routes: [RoutePlanningRow]
    public let total: Total

    public struct Total: Sendable, Encodable {
        public let recentSeats: Double
        public let forecastSeats: Double
        public let changePercent: Double
    }
}
