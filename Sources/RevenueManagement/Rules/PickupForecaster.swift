import Foundation

/// Bookings of one departed flight, class by class, as they stood on each reading day before departure: the history
/// the pickup method learns from.
public struct BookingHistory: Sendable, Equatable {
    /// ISO weekday of the departure (1 Monday … 7 Sunday).
    public let weekday: Int
    /// Cumulative bookings per class (cheapest first) on each of `PickupForecaster.readingDays`.
    public let bookings: [[Int]]

    public init(weekday: Int, bookings: [[Int]]) {
        self.weekday = weekday
        self.bookings = bookings
    }
}

/// Forecasts the bookings still to come on a flight, per class, by the pickup method: how many bookings similar
/// departed flights (same weekday, when there are enough of them) took between the same day before departure and
/// departure, added to what is booked now (additive), or as a ratio of it (multiplicative).
public struct PickupForecaster: Sendable {
    public enum Method: String, Sendable, Codable, CaseIterable {
        /// Remaining = the mean of (final − booked by that day) over similar flights.
        case additive
        /// Remaining = booked now × (mean final ÷ mean booked by that day − 1); additive where nothing is booked yet.
        case multiplicative
    }

    /// The days before departure on which bookings are read (data collection points), earliest first; 0 is departure.
    public static let readingDays: [Double] = [90, 60, 45, 35, 28, 21, 14, 10, 7, 5, 3, 2, 1, 0]
    /// A weekday needs this many departed flights of its own; below it every flight counts.
    public static let minimumFlightsPerWeekday = 5

    public let method: Method
    public let classCount: Int
    private let histories: [BookingHistory]

    public init(method: Method, histories: [BookingHistory], classCount: Int) {
        self.method = method
        self.histories = histories
        self.classCount = classCount
    }

    /// The expected bookings still to come per class, with their standard deviations, for a flight departing on
    /// `weekday` that is `daysBefore` days from departure with `booked` per class.
    public func remainingDemand(weekday: Int, daysBefore: Double, booked: [Int]) -> [(mean: Double, standardDeviation: Double)] {
        let similar = histories.filter { $0.weekday == weekday }
        let sample = similar.count >= Self.minimumFlightsPerWeekday ? similar : histories
        guard !sample.isEmpty else { return Array(repeating: (0, 0), count: classCount) }
        // Between two reading days, the pickup to come is interpolated: the later reading's pickup plus the share of
        // the interval still ahead of the earlier one's.
        let days = Self.readingDays
        let later = days.firstIndex { $0 <= daysBefore } ?? days.count - 1
        let earlier = max(0, later - 1)
        let span = days[earlier] - days[later]
        let ahead = span > 0 ? min(1, max(0, (daysBefore - days[later]) / span)) : 0
        return (0..<classCount).map { type in
            let pickups = sample.map { history -> Double in
                let final = Double(history.bookings[days.count - 1][type])
                let atLater = Double(history.bookings[later][type]), atEarlier = Double(history.bookings[earlier][type])
                return (final - atLater) + ahead * (atLater - atEarlier)
            }
            let mean = pickups.reduce(0, +) / Double(pickups.count)
            let variance = pickups.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(1, pickups.count - 1))
            // At least Poisson's spread: a handful of similar flights understates it.
            var standardDeviation = max(variance.squareRoot(), mean.squareRoot())
            var expected = mean
            if method == .multiplicative, booked[type] > 0 {
                let bookedThen = sample.map { Double($0.bookings[later][type]) }.reduce(0, +) / Double(sample.count)
                let final = sample.map { Double($0.bookings[days.count - 1][type]) }.reduce(0, +) / Double(sample.count)
                if bookedThen > 0 {
                    let multiplied = Double(booked[type]) * max(0, final / bookedThen - 1)
                    standardDeviation *= mean > 0 ? multiplied / mean : 1
                    expected = multiplied
                }
            }
            return (expected, standardDeviation)
        }
    }
}
