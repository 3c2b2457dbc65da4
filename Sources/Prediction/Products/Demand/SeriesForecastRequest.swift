import Foundation
import Forecasting
import SkyportDomain

/// A series someone brings to be forecast: `POST /v1/forecasts` and `skyport forecast FILE.csv`.
public struct SeriesForecastRequest: Decodable, Sendable {
    /// One per value, oldest first, one period apart.
    public var timestamps: [String]
    public var values: [Double]
    public var frequency: String
    /// Periods to forecast after the last value.
    public var horizon: Int
    /// The prediction intervals' coverage, 0.95 unless given.
    public var level: Double?

    public init(timestamps: [String], values: [Double], frequency: String, horizon: Int, level: Double? = nil) {
        self.timestamps = timestamps
        self.values = values
        self.frequency = frequency
        self.horizon = horizon
        self.level = level
    }

    /// The most values a request may carry: enough for 27 years of days, and a bound on the work one request costs.
    public static let maximumValues = 10_000

    /// The request checked: every problem is reported at once (`ValidationFailure`).
    public func validated() throws -> ValidatedSeries {
        var issues: [ValidationIssue] = []
        let frequency = SeriesFrequency(rawValue: frequency)
        if frequency == nil {
            issues.append(.init(code: .invalidFrequency, field: "frequency",
                                message: "frequency must be one of \(SeriesFrequency.allCases.map(\.rawValue).joined(separator: ", "))."))
        }
        if values.count > Self.maximumValues {
            issues.append(.init(code: .invalidSeries, field: "values", message: "A series has at most \(Self.maximumValues) values."))
        }
        if timestamps.count != values.count {
            issues.append(.init(code: .invalidSeries, field: "timestamps",
                                message: "\(timestamps.count) timestamps for \(values.count) values: give one timestamp per value."))
        }
        if let index = values.firstIndex(where: { !$0.isFinite }) {
            issues.append(.init(code: .invalidSeries, field: "values[\(index)]", message: "Values must be finite numbers."))
        }
        let level = level ?? 0.95
        if !(0.5...0.99).contains(level) {
            issues.append(.init(code: .invalidLevel, field: "level", message: "level must be between 0.5 and 0.99."))
        }
        let longest = frequency.map { max(2 * $0.seasonLength, 24) } ?? 24
        if !(1...longest).contains(horizon) {
            issues.append(.init(code: .invalidHorizon, field: "horizon", message: "horizon must be between 1 and \(longest) periods."))
        }
        var dates: [LocalDate] = []
        if let frequency, timestamps.count <= Self.maximumValues {
            for (index, text) in timestamps.enumerated() {
                guard let date = frequency.parse(text) else {
                    issues.append(.init(code: .invalidTimestamp, field: "timestamps[\(index)]",
                                        message: "\(text) is not a date (2013-02-08, or 1960-01 for months and quarters)."))
                    break
                }
                if let previous = dates.last, frequency.advance(previous, by: 1) != date {
                    issues.append(.init(code: .invalidSeries, field: "timestamps[\(index)]",
                                        message: "\(text) is not one \(frequency.rawValue) period after \(timestamps[index - 1]): a series has no gaps."))
                    break
                }
                dates.append(date)
            }
        }
        guard issues.isEmpty, let frequency else { throw ValidationFailure(issues) }
        return ValidatedSeries(dates: dates, values: values, frequency: frequency, horizon: horizon, level: level)
    }
}

/// A series that passed validation.
public struct ValidatedSeries: Sendable {
    public let dates: [LocalDate]
    public let values: [Double]
    public let frequency: SeriesFrequency
    public let horizon: Int
    public let level: Double
}
