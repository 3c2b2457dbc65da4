import CommandCenter
import Foundation
import SkyportDomain

/// The drill-down pages: one module, the business, the alerts and the objectives.
extension BoardView {
    func serviceSections(_ module: ServiceModule) -> [(id: String, html: String)] {
        guard let service = snapshot.services.first(where: { $0.module == module }) else { return [] }
        let step = Double(range.step)
        let requests = service.series.map { (time: $0.periodStart, value: Double($0.counts.requests) / step) }
        let errors = service.series.map { (time: $0.periodStart, value: Double($0.counts.serverErrors) / step) }
        let clientErrors = service.series.map { (time: $0.periodStart, value: Double($0.counts.clientErrors) / step) }
        let p99 = service.series.compactMap { point in point.counts.p99Seconds.map { (time: point.periodStart, value: $0 * 1000) } }
        let p50 = service.series.compactMap { point in point.counts.p50Seconds.map { (time: point.periodStart, value: $0 * 1000) } }
        let charts = """
            <div class="grid wide"><div class="card"><h3>Requests per second</h3>\
            \(chart("Requests per second", [.init(kind: .line, name: "all", points: requests), .init(kind: .warnLine, name: "4xx", points: clientErrors),
                                             .init(kind: .errors, name: "5xx", points: errors)], format: { String(format: "%.2f/s", $0) }, height: 120))</div>\
            <div class="card"><h3>Latency (ms)</h3>\
            \(chart("Latency in milliseconds", [.init(kind: .line, name: "p50", points: p50), .init(kind: .errors, name: "p99", points: p99)],
                    format: { String(format: "%.0f ms", $0) }, height: 120))</div></div>
            """
        let rows = snapshot.routes.filter { $0.module == module.rawValue }.map { route in
            """
            <tr><th>\(HTML.escape(route.method)) \(HTML.escape(route.route))</th><td>\(OpsFormat.count(route.counts.requests))</td>\
            <td>\(OpsFormat.rate(route.counts.requests, over: seconds))</td><td>\(OpsFormat.percent(route.counts.serverErrorShare))</td>\
            <td>\(OpsFormat.count(route.counts.clientErrors))</td><td>\(OpsFormat.milliseconds(route.counts.p50Seconds))</td>\
            <td>\(OpsFormat.milliseconds(route.counts.p99Seconds))</td></tr>
            """
        }.joined()
        let routes = """
            <h2>Routes</h2><table><thead><tr><th>Route</th><th>Requests</th><th>Rate</th><th>5xx</th><th>4xx</th><th>p50</th><th>p99</th></tr></thead>\
            <tbody>\(rows.isEmpty ? #"<tr><td colspan="7" class="muted">No request in this range.</td></tr>"# : rows)</tbody></table>
            """
        let instanceRows = snapshot.instances.filter { $0.services.contains(module) }.map { instance in
            let health = instance.health[module]
            let live = instance.isLive(now: snapshot.now)
            return """
                <tr><th>\(HTML.escape(instance.id))</th><td>\(HTML.escape(instance.host))</td><td>\(HTML.escape(instance.services.map(\.rawValue).joined(separator: ", ")))</td>\
                <td><span class="badge \(live ? health?.status.rawValue ?? "absent" : "not_ready")">\(live ? health?.status.rawValue ?? "unknown" : "silent")</span>\
                \(health?.detail.map { " " + HTML.escape($0) } ?? "")</td><td class="muted">\(OpsFormat.age(snapshot.now - instance.seenAt))</td></tr>
                """
        }.joined()
        let instances = """
            <h2>Instances</h2><table><thead><tr><th>Instance</th><th>Host</th><th>Serves</th><th>Health</th><th>Last heard</th></tr></thead>\
            <tbody>\(instanceRows.isEmpty ? #"<tr><td colspan="5" class="muted">No instance runs this module.</td></tr>"# : instanceRows)</tbody></table>
            """
        return [("charts", charts), ("routes", routes), ("instances", instances)]
    }

    var businessSections: [(id: String, html: String)] {
        let currencies = Set(snapshot.business.sold.keys).union(snapshot.business.earned.keys).sorted()
        let revenueRows = currencies.map { currency in
            "<tr><th>\(currency)</th><td>\(OpsFormat.money(snapshot.business.sold[currency] ?? 0, currency))</td>"
                + "<td>\(OpsFormat.money(snapshot.business.earned[currency] ?? 0, currency))</td></tr>"
        }.joined()
        let figures = snapshot.figures
        let totals = figures.map { figures in
            """
            <h2>Since the first order</h2><table><tbody><tr><th>Orders</th><td>\(OpsFormat.count(figures.ordersCreated))</td></tr>\
            <tr><th>Cancelled</th><td>\(OpsFormat.count(figures.ordersCancelled))</td></tr><tr><th>Seats sold</th><td>\(OpsFormat.count(figures.seatsSold))</td></tr>\
            <tr><th>Rebookings accepted</th><td>\(OpsFormat.count(figures.rebookingsAccepted))</td></tr>\
            \(figures.bookedRevenue.sorted { $0.key < $1.key }.map { "<tr><th>Booked revenue \($0.key)</th><td>\(OpsFormat.money($0.value, $0.key))</td></tr>" }.joined())\
            </tbody></table>
            """
        } ?? ""
        return [("business", business),
                ("revenue", """
                    <h2>Revenue in this range</h2><table><thead><tr><th>Currency</th><th>Sold</th><th>Earned</th></tr></thead><tbody>\
                    \(revenueRows.isEmpty ? #"<tr><td colspan="3" class="muted">No order and nothing earned.</td></tr>"# : revenueRows)</tbody></table>\
                    <p class="muted">Sold: what orders made in the range paid. Earned: what the ledger recognized in it, as coupons flew and \
                    services were delivered (<a href="/ops/finance">finance</a>).</p>\(totals)
                    """)]
    }

    func alertSections(rules: [AlertRule]) -> [(id: String, html: String)] {
        let history = snapshot.alertHistory.map { event in
            """
            <tr class="\(event.kind)"><td>\(OpsFormat.time(event.occurredAt))</td><th>\(HTML.escape(event.rule))</th><td>\(HTML.escape(event.labels))</td>\
            <td><span class="badge">\(event.kind)</span></td><td>\(event.value.map { OpsFormat.decimal($0, digits: 4) } ?? "–")</td>\
            <td>\(event.deliveryStatus)\(event.deliveryAttempts > 1 ? " (\(event.deliveryAttempts) tries)" : "")\
            \(event.lastError.map { " · " + HTML.escape($0) } ?? "")</td></tr>
            """
        }.joined()
        let ruleRows = rules.map { rule in
            """
            <tr><th>\(HTML.escape(rule.name))</th><td>\(rule.signal.rawValue)\(rule.module.map { " (\($0.rawValue))" } ?? "")\
            \(rule.signal.usesWindow ? " over \(rule.effectiveWindow)" : "")</td><td>\(rule.comparison.rawValue) \(MonitoringNumber.format(rule.threshold))</td>\
            <td>\(rule.for)</td><td>\(rule.severity.rawValue)</td><td>\(HTML.escape(rule.summary))</td><td>\(HTML.runbook(rule.runbook))</td></tr>
            """
        }.joined()
        return [
            ("alerts", alerts),
            ("history", """
                <h2>History <span class="muted">last 7 days, newest first</span></h2><table><thead><tr><th>When</th><th>Alert</th><th>Labels</th><th>Change</th>\
                <th>Value</th><th>Webhook</th></tr></thead><tbody>\(history.isEmpty ? #"<tr><td colspan="6" class="muted">Nothing yet.</td></tr>"# : history)</tbody></table>
                """),
            ("rules", """
                <h2>Rules</h2><table><thead><tr><th>Rule</th><th>Signal</th><th>Condition</th><th>For</th><th>Severity</th><th>Summary</th><th></th></tr></thead>\
                <tbody>\(ruleRows)</tbody></table>
                """),
        ]
    }

    var objectiveSections: [(id: String, html: String)] {
        let cards = snapshot.objectives.map { report -> String in
            let burns = report.burns.map { burn in
                """
                <tr class="\(burn.burning ? "bad" : "")"><th>\(burn.window)</th><td>\(burn.long) / \(burn.short)</td><td>&gt; \(MonitoringNumber.format(burn.factor))×</td>\
                <td>\(OpsFormat.decimal(burn.longRate, digits: 2))× / \(OpsFormat.decimal(burn.shortRate, digits: 2))×</td><td>\(burn.burning ? "firing" : "ok")</td></tr>
                """
            }.joined()
            return """
                <div class="card"><h3>\(HTML.escape(report.name))</h3><p>\(HTML.escape(report.method + " " + report.route)): \
                \(OpsFormat.percent(report.objective, digits: 2)) of requests \(report.kind == .latency ? "under " + OpsFormat.milliseconds(report.thresholdSeconds) : "succeed") \
                over \(report.period)</p><dl class="red"><div><dt>Requests</dt><dd>\(OpsFormat.count(report.requests))</dd></div>\
                <div><dt>Bad</dt><dd>\(OpsFormat.count(report.bad))</dd></div><div><dt>Achieved</dt><dd>\(OpsFormat.percent(report.achieved, digits: 3))</dd></div>\
                <div><dt>Budget left</dt><dd>\(OpsFormat.percent(report.budgetRemaining, digits: 1))</dd></div></dl>\
                <table><thead><tr><th>Alert</th><th>Windows</th><th>Fires at</th><th>Burn now</th><th></th></tr></thead><tbody>\(burns)</tbody></table></div>
                """
        }.joined()
        return [("objectives", #"<h2>Objectives</h2><div class="grid wide">\#(cards)</div>"#)]
    }
}
