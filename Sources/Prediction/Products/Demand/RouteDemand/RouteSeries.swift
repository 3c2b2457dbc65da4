import SkyportDomain

/// A route's seats flown per day: the record's proxy for its passengers (the 2013 record has flights and aircraft,
/// not passengers; seats flown are passengers at a load factor of one).
public struct RouteSeries: Sendable, Equatable {
    public let origin: String
    public let destination: String
    /// The first day of `seats`; one value per day after it, days without a departure as 0.
    public let firstDate: LocalDate
    public let seats: [Double]
    public let departures: [Int]
    /// The share of departures whose seats were not in the aircraft registry and were taken as the route's mean.
    public let imputedShare: Double

    public var route: String { "\(origin)-\(destination)" }
    public var lastDate: LocalDate { firstDate.adding(days: seats.count - 1) }

    /// Every route flown on at least `minimumDays` of the days from `first` to `last` (inclusive), busiest first.
    ///
    /// Seats of departures whose aircraft the registry lacks are the route's mean over those it has (the network's mean
    /// where a route has none).
    public static func build(from days: [RecordedRouteDay], first: LocalDate, last: LocalDate, minimumDays: Int) -> [RouteSeries] {
        let length = last.daysSinceEpoch - first.daysSinceEpoch + 1
        guard length > 0 else { return [] }
        let known = days.reduce(into: (seats: 0, departures: 0)) { $0.seats += $1.seats; $0.departures += $1.departuresWithSeats }
        let networkMean = known.departures > 0 ? Double(known.seats) / Double(known.departures) : 0
        var byRoute: [String: [RecordedRouteDay]] = [:]
        for day in days { byRoute["\(day.origin)-\(day.destination)", default: []].append(day) }
        return byRoute.values.compactMap { rows -> RouteSeries? in
            let flownDays = Set(rows.map(\.date)).count
            guard flownDays >= minimumDays, let origin = rows.first?.origin, let destination = rows.first?.destination else { return nil }
            let withSeats = rows.reduce(0) { $0 + $1.departuresWithSeats }, departures = rows.reduce(0) { $0 + $1.departures }
            let mean = withSeats > 0 ? Double(rows.reduce(0) { $0 + $1.seats }) / Double(withSeats) : networkMean
            var seats = [Double](repeating: 0, count: length), counts = [Int](repeating: 0, count: length)
            for row in rows {
                guard let date = LocalDate(iso: row.date) else { continue }
                let index = date.daysSinceEpoch - first.daysSinceEpoch
                guard seats.indices.contains(index) else { continue }
                seats[index] += Double(row.seats) + Double(row.departures - row.departuresWithSeats) * mean
                counts[index] += row.departures
            }
            return RouteSeries(origin: origin, destination: destination, firstDate: first, seats: seats.map { $0.rounded() }, departures: counts,
                               imputedShare: departures > 0 ? Double(departures - withSeats) / Double(departures) : 0)
        }.sorted { ($0.seats.reduce(0, +), $0.route) > ($1.seats.reduce(0, +), $1.route) }
    }
}
