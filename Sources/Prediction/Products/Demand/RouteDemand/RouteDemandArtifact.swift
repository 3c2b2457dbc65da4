import Forecasting
import SkyportDomain

/// What a route-demand version serves from (its `series` file): every route's daily seats over the whole period and
/// the method chosen for it on all of them. A forecast refits that method on the route's days when first asked.
struct RouteDemandArtifact: Codable, Sendable {
    struct Route: Codable, Sendable {
        let origin: String
        let destination: String
        let method: ForecastMethod
        let seats: [Double]
        let departures: [Int]
        let imputedShare: Double

        var name: String { "\(origin)-\(destination)" }
    }

    /// The first day of every route's `seats` (`YYYY-MM-DD`).
    let firstDate: String
    let routes: [Route]

    static let role = "series"

    /// The day after which forecasts start.
    var lastDate: LocalDate {
        (LocalDate(iso: firstDate) ?? LocalDate(daysSinceEpoch: 0)).adding(days: (routes.first?.seats.count ?? 1) - 1)
    }

    /// Whether the file holds what serving assumes: a date, and routes whose series are one length, with seats and
    /// departures for every day.
    var isWellFormed: Bool {
        guard LocalDate(iso: firstDate) != nil, let length = routes.first?.seats.count, length > 0 else { return false }
        return routes.allSatisfy { $0.seats.count == length && $0.departures.count == length && $0.seats.allSatisfy(\.isFinite) }
    }
}
