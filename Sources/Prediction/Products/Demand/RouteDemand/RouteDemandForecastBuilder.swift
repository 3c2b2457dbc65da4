import Forecasting
import SkyportDomain

/// Turns a route's forecast points into the answers of the demand endpoints: days with dates, month totals, and the
/// planning view's rows.
struct RouteDemandForecastBuilder {
    let artifact: RouteDemandArtifact
    let model: DelayPrediction.Model

    func forecast(_ route: RouteDemandArtifact.Route, points: [ForecastPoint], level: Double) -> RouteDemandForecast {
        let last = artifact.lastDate
        let daily = points.enumerated().map { step, point in
            RouteDemandForecast.Day(date: last.adding(days: step + 1).iso, seats: Self.rounded(point.value),
                                    lower: Self.rounded(point.lower), upper: Self.rounded(point.upper))
        }
        var months: [RouteDemandForecast.Month] = []
        for (month, days) in Dictionary(grouping: daily, by: { String($0.date.prefix(7)) }).sorted(by: { $0.key < $1.key }) {
            months.append(.init(month: month, days: days.count, seats: Self.rounded(days.reduce(0) { $0 + $1.seats }),
                                lower: Self.rounded(days.reduce(0) { $0 + $1.lower }), upper: Self.rounded(days.reduce(0) { $0 + $1.upper })))
        }
        return RouteDemandForecast(model: model, origin: route.origin, destination: route.destination, unit: RouteDemandModel.unit,
                                   method: route.method.rawValue, level: level, imputedShare: route.imputedShare,
                                   recent: recent(route, days: 28), daily: daily, months: months)
    }

    /// Every route's next `days` beside its last `days` in the record, the largest change first.
    func planning(_ forecasts: [(RouteDemandArtifact.Route, [ForecastPoint])], days: Int, level: Double) -> RoutePlanning {
        let rows = forecasts.map { route, points -> RoutePlanningRow in
            let recent = recent(route, days: days)
            let total = points.reduce(0) { $0 + $1.value }
            return RoutePlanningRow(origin: route.origin, destination: route.destination, method: route.method.rawValue,
                                    recentSeats: recent.seats, recentDeparturesPerDay: Self.rounded(Double(recent.departures) / Double(days) * 10) / 10,
                                    forecastSeats: Self.rounded(total), lower: Self.rounded(points.reduce(0) { $0 + $1.lower }),
                                    upper: Self.rounded(points.reduce(0) { $0 + $1.upper }), changePercent: Self.change(from: recent.seats, to: total))
        }.sorted { (abs($0.changePercent), $0.forecastSeats) > (abs($1.changePercent), $1.forecastSeats) }
        let recentTotal = rows.reduce(0) { $0 + $1.recentSeats }, forecastTotal = rows.reduce(0) { $0 + $1.forecastSeats }
        let last = artifact.lastDate
        return RoutePlanning(model: model, unit: RouteDemandModel.unit, from: last.adding(days: 1).iso, to: last.adding(days: days).iso,
                             recentFrom: last.adding(days: 1 - days).iso, recentTo: last.iso, level: level, routes: rows,
                             total: .init(recentSeats: recentTotal, forecastSeats: forecastTotal, changePercent: Self.change(from: recentTotal, to: forecastTotal)))
    }

    private func recent(_ route: RouteDemandArtifact.Route, days: Int) -> RouteDemandForecast.Recent {
        let last = artifact.lastDate, count = min(days, route.seats.count)
        return .init(from: last.adding(days: 1 - count).iso, to: last.iso, seats: route.seats.suffix(count).reduce(0, +),
                     departures: route.departures.suffix(count).reduce(0, +))
    }

    static func change(from old: Double, to new: Double) -> Double {
        old > 0 ? rounded((new - old) / old * 1000) / 10 : 0
    }

    static func rounded(_ value: Double) -> Double { value.rounded() }
}
