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

    var start: LocalDate { LocalDate(iso: firstDate)! }
    var lastDate: LocalDate { start.adding(days: (routes.first?.seats.count ?? 1) - 1) }
}
