import CommandCenter
import Foundation
import Operations
import SkyportContracts
import SkyportDomain

/// The command center board's sections as HTML, from one snapshot. Each section has an id: the page
/// shows them, and the live stream sends them again when they change.
struct BoardView {
    let snapshot: BoardSnapshot

    var range: BoardRange { snapshot.range }
    var query: String { "?range=\(range.rawValue)" }
    var seconds: Int64 { max(snapshot.now - snapshot.since, 60) }

    /// The board's sections in page order.
    var sections: [(id: String, html: String)] {
        [("alerts", alerts), ("services", services), ("business", business), ("weather", weather), ("disruptions", disruptions),
         ("model", model), ("notifications", notifications), ("objectives", objectives)]
    }

    func chart(_ label: String, _ series: [SVGChart.Series], format: @escaping (Double) -> String, height: Double = 60) -> String {
        SVGChart(since: snapshot.since, until: snapshot.now + 1, step: range.step, height: height, format: format, label: label).render(series)
    }

    var alerts: String {
        let firing = snapshot.alerts.filter { $0.state == .firing }, pending = snapshot.alerts.filter { $0.state == .pending }
        guard !snapshot.alerts.isEmpty else {
            return #"<p class="ok-banner">No alert is firing. <a href="/ops/alerts\#(query)">Alerts and history</a></p>"#
        }
        let items = snapshot.alerts.map { alert in
            """
            <li class="alert \(alert.state.rawValue) \(alert.severity.rawValue)"><strong>\(HTML.escape(alert.rule))</strong> \
            <span class="badge">\(alert.state.rawValue)</span> <span class="labels">\(HTML.escape(alert.labels))</span> \
            \(HTML.escape(alert.summary)) <span class="muted">since \(OpsFormat.time(alert.firingSince ?? alert.activeSince))</span> \
            \(HTML.runbook(alert.runbook))</li>
            """
        }.joined()
        return """
            <h2><a href="/ops/alerts\(query)">Alerts</a>: \(firing.count) firing, \(pending.count) pending</h2><ul class="alerts">\(items)</ul>
            """
    }

    var services: String {
        let cards = snapshot.services.map { service -> String in
            let status = service.health?.status.rawValue ?? "absent"
            let counts = service.totals
            let requests = service.series.map { (time: $0.periodStart, value: Double($0.counts.requests) / Double(range.step)) }
            let errors = service.series.map { (time: $0.periodStart, value: Double($0.counts.serverErrors) / Double(range.step)) }
            return """
                <a class="card service \(status)" href="/ops/services/\(service.module.rawValue)\(query)">\
                <h3>\(HTML.escape(service.title)) <span class="badge \(status)">\(status.replacingOccurrences(of: "_", with: " "))</span></h3>\
                <p class="muted">\(service.liveInstances) of \(service.knownInstances) instances live\
                \(service.health?.detail.map { " · " + HTML.escape($0) } ?? "")</p>\
                <dl class="red"><div><dt>Rate</dt><dd>\(OpsFormat.rate(counts.requests, over: seconds))</dd></div>\
                <div><dt>Errors</dt><dd>\(OpsFormat.percent(counts.serverErrorShare))</dd></div>\
                <div><dt>p99</dt><dd>\(OpsFormat.milliseconds(counts.p99Seconds))</dd></div></dl>\
                \(chart("\(service.title) requests per second", [.init(kind: .line, name: "requests/s", points: requests),
                                                                          .init(kind: .errors, name: "5xx/s", points: errors)],
                        format: { String(format: "%.2f/s", $0) }))</a>
                """
        }.joined()
        return #"<h2>Services</h2><div class="grid">\#(cards)</div>"#
    }

    var business: String {
        let business = snapshot.business
        func money(_ amounts: [String: Int64]) -> String {
            amounts.isEmpty ? "–" : amounts.sorted { $0.key < $1.key }.map { OpsFormat.money($0.value, $0.key) }.joined(separator: "<br>")
        }
        let orders = business.ordersSeries.map { (time: $0.start, value: Double($0.count)) }
        func tile(_ title: String, _ value: String) -> String {
            #"<a class="tile" href="/ops/business\#(query)"><span class="label">\#(title)</span><span class="value">\#(value)</span></a>"#
        }
        return """
            <h2><a href="/ops/business\(query)">Business</a> <span class="muted">last \(range.rawValue)</span></h2><div class="tiles">\
            \(tile("Orders", OpsFormat.count(business.orders)))\(tile("Sold", money(business.sold)))\(tile("Earned", money(business.earned)))\(tile("Seats sold", OpsFormat.count(business.seatsSold)))\
            \(tile("Load factor, next 7 days", OpsFormat.percent(business.loadFactor, digits: 2)))\
            \(tile("Cancellations", OpsFormat.count(business.cancellations)))\(tile("Rebookings accepted", OpsFormat.count(business.rebookings)))\
            \(tile("Predictions made", OpsFormat.count(business.predictionsServed)))</div>\
            \(chart("Orders per \(range.step / 60) minutes", [.init(kind: .bar, name: "orders", points: orders)], format: { String(format: "%.0f orders", $0) }))
            """
    }

    var weather: String {
        guard !snapshot.weather.isEmpty else { return #"<h2>Weather</h2><p class="muted">No observation yet.</p>"# }
        let rows = snapshot.weather.map { observation -> String in
            let category = observation.flightCategory?.rawValue ?? "unknown"
            let wind = observation.windSpeedMph.map { String(format: "%.0f mph", $0) + (observation.windGustMph.map { String(format: " G%.0f", $0) } ?? "") } ?? "–"
            return """
                <tr><th>\(HTML.escape(observation.airport))</th><td><span class="category \(HTML.escape(category.lowercased()))">\(HTML.escape(category))</span></td>\
                <td>\(observation.visibilityMiles.map { String(format: "%.1f mi", $0) } ?? "–")</td>\
                <td>\(observation.ceilingFeet.map { "\(OpsFormat.count($0)) ft" } ?? "–")</td><td>\(wind)</td>\
                <td>\(HTML.escape(observation.presentWeather.joined(separator: " ")))</td>\
                <td class="muted">\(OpsFormat.age(snapshot.now - observation.observedAt))</td></tr>
                """
        }.joined()
        return """
            <h2>Weather</h2><table><thead><tr><th>Airport</th><th>Category</th><th>Visibility</th><th>Ceiling</th><th>Wind</th><th>Weather</th>\
            <th>Observed</th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    var disruptions: String {
        guard !snapshot.disruptions.isEmpty else { return #"<h2>Disruptions</h2><p class="muted">No open disruption.</p>"# }
        let rows = snapshot.disruptions.map { disruption in
            let flight = disruption.flight
            return """
                <tr class="level-\(HTML.escape(disruption.level))"><th>\(HTML.escape(flight.carrier))\(flight.flightNumber)</th>\
                <td>\(HTML.escape(flight.origin))–\(HTML.escape(flight.destination))</td><td>\(OpsFormat.time(flight.scheduledDeparture.seconds))</td>\
                <td><span class="badge">\(HTML.escape(disruption.level.replacingOccurrences(of: "_", with: " ")))</span></td>\
                <td>\(disruption.probability.map { OpsFormat.percent($0, digits: 0) } ?? "declared")</td>\
                <td>\(disruption.kind == .cancellation ? "cancelled" : disruption.kind == .cancellationRisk ? "may be cancelled" : "+\(disruption.expectedDelayMinutes) min")</td>\
                <td class="muted">\(HTML.escape(disruption.reasons.prefix(2).map(\.phrase).joined(separator: "; ")))</td></tr>
                """
        }.joined()
        return """
            <h2>Disruptions <span class="muted">\(snapshot.disruptions.count) open</span></h2><table><thead><tr><th>Flight</th><th>Route</th>\
            <th>Departs</th><th>Level</th><th>Probability</th><th>Expected</th><th>Why</th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    var notifications: String {
        let rows = snapshot.deliveries.map { delivery in
            "<tr><th>\(HTML.escape(delivery.channel))</th><td>\(OpsFormat.count(delivery.delivered))</td><td>\(OpsFormat.count(delivery.failed))</td><td>\(OpsFormat.count(delivery.dead))</td></tr>"
        }.joined()
        return """
            <h2>Notifications <span class="muted">backlog \(OpsFormat.count(snapshot.figures?.notificationBacklog ?? 0))</span></h2>\
            \(rows.isEmpty ? #"<p class="muted">No delivery attempt in this range.</p>"# : """
            <table><thead><tr><th>Channel</th><th>Delivered</th><th>Retrying</th><th>Given up</th></tr></thead><tbody>\(rows)</tbody></table>
            """)\
            <p class="muted">Outbox backlog \(OpsFormat.count(snapshot.figures?.outboxBacklog ?? 0)) · profile lag \
            \(String(format: "%.0f s", snapshot.figures?.cdpLagSeconds ?? 0))</p>
            """
    }

    var objectives: String {
        let rows = snapshot.objectives.map { report -> String in
            let budgetClass = report.budgetRemaining > 0.5 ? "ok" : report.budgetRemaining > 0 ? "warn" : "bad"
            let burning = report.burns.filter(\.burning).map(\.window)
            return """
                <tr><th><a href="/ops/slos\(query)">\(HTML.escape(report.name))</a></th><td>\(HTML.escape(report.method + " " + report.route))</td>\
                <td>\(OpsFormat.percent(report.objective, digits: 2))\(report.thresholdSeconds.map { " < " + OpsFormat.milliseconds($0) } ?? "")</td>\
                <td>\(OpsFormat.percent(report.achieved, digits: 3))</td><td class="\(budgetClass)">\(OpsFormat.percent(report.budgetRemaining, digits: 1))</td>\
                <td>\(burning.isEmpty ? "–" : "burning " + burning.joined(separator: ", "))</td></tr>
                """
        }.joined()
        return """
            <h2><a href="/ops/slos\(query)">Objectives</a> <span class="muted">28 days</span></h2><table><thead><tr><th>Objective</th><th>Route</th>\
            <th>Target</th><th>Achieved</th><th>Budget left</th><th>Burn alerts</th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }
}
