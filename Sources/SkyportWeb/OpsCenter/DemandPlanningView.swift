import Foundation
import Prediction

/// The command center's planning page: every route's forecast seats over the next days beside the same number of days
/// just before, the largest change first, from the demand champion.
struct DemandPlanningView {
    let planning: RoutePlanning?
    let days: Int
    let origin: String?
    /// Why there is no planning to show (no champion yet).
    let unavailable: String?

    var sections: [(id: String, html: String)] {
        let form = """
            <form method="get" action="/ops/planning" class="inline"><label for="days">Days ahead</label> \
            <input id="days" name="days" type="number" min="\(RouteDemandModel.planningDays.lowerBound)" max="\(RouteDemandModel.planningDays.upperBound)" value="\(days)"> \
            <label for="origin">From</label> <input id="origin" name="origin" maxlength="3" size="4" value="\(HTML.escape(origin ?? ""))"> \
            <button type="submit">Show</button></form>
            """
        guard let planning else {
            return [("planning", form + #"<p class="muted">\#(HTML.escape(unavailable ?? "No demand forecast."))</p>"#)]
        }
        let rows = planning.routes.map { row -> String in
            let changeClass = row.changePercent <= -10 ? "bad" : row.changePercent >= 10 ? "ok" : ""
            return """
                <tr><th>\(HTML.escape(row.origin))–\(HTML.escape(row.destination))</th><td>\(Self.seats(row.recentSeats))</td>\
                <td><strong>\(Self.seats(row.forecastSeats))</strong> <span class="muted">(\(Self.seats(row.lower))–\(Self.seats(row.upper)))</span></td>\
                <td class="\(changeClass)">\(Self.change(row.changePercent))</td><td>\(String(format: "%.1f", row.recentDeparturesPerDay))</td>\
                <td class="muted">\(HTML.escape(row.method.replacingOccurrences(of: "_", with: " ")))</td></tr>
                """
        }.joined()
        let total = planning.total
        let table = """
            <h2>Seats per route, \(planning.from) to \(planning.to) <span class="muted">\(planning.routes.count == 1 ? "1 route" : "\(planning.routes.count) routes") · demand model \
            \(planning.model.version)</span></h2>\
            <table><thead><tr><th>Route</th><th>\(planning.recentFrom) to \(planning.recentTo)</th><th>Forecast (\(Int(planning.level * 100)) %)</th>\
            <th>Change</th><th>Departures a day</th><th>Method</th></tr></thead><tbody>\(rows)</tbody>\
            <tfoot><tr><th>All</th><td>\(Self.seats(total.recentSeats))</td><td><strong>\(Self.seats(total.forecastSeats))</strong></td>\
            <td>\(Self.change(total.changePercent))</td><td></td><td></td></tr></tfoot></table>\
            <p class="muted">Seats flown are the 2013 record's proxy for passengers (it has flights and aircraft, not passengers), so the days \
            ahead are those after the record. Each route's method was chosen by a rolling-origin backtest (docs/revenue.md).</p>
            """
        return [("planning", form + table)]
    }

    static func seats(_ value: Double) -> String { OpsFormat.count(Int(value.rounded())) }

    static func change(_ percent: Double) -> String {
        (percent > 0 ? "+" : "") + String(format: "%.1f %%", percent)
    }
}
