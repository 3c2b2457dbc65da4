import CommandCenter
import Foundation
import Prediction

/// The ML platform's products on the board (one row each) and on the Models page (each product in full: what it
/// predicts, champion and challenger with their test figures beside the baselines, data period, drift and realized
/// quality). Both read the catalogue the command center samples at the model cadence.
extension BoardView {
    var models: [ModelOverview] { snapshot.figures?.models ?? [] }

    /// The board's model tile: the delay model's live figures, then every product in one table.
    var model: String {
        let figures = snapshot.figures
        let drift = figures?.modelDriftPSI
        let rows = models.map { overview in
            let headline = overview.champion?.headline?.metrics.first
            return """
                <tr><th><a href="/ops/models\(query)#model-\(HTML.escape(overview.name))">\(HTML.escape(overview.name))</a></th>\
                <td>\(overview.champion.map { "v\($0.version)" } ?? "none")\(overview.challenger.map { " · challenger v\($0.version)" } ?? "")</td>\
                <td>\(headline.map(Self.headlineCell) ?? #"<span class="muted">–</span>"#)</td>\
                <td class="\(Self.driftClass(overview.service?.maximumPSI))">\(OpsFormat.decimal(overview.service?.maximumPSI))</td>\
                <td>\(OpsFormat.decimal(overview.service?.realizedAuc))</td></tr>
                """
        }.joined()
        return """
            <h2><a href="/ops/models\(query)">Models</a> <span class="muted">\(models.count) products · <a href="/ops/maintenance">engines due</a> · <a href="/ops/planning">demand planning</a> · <a href="/ops/finance">finance</a></span></h2><div class="tiles">\
            <div class="tile"><span class="label">Delay champion</span><span class="value">\(figures?.championVersion.map { "v\($0)" } ?? "none")</span></div>\
            <div class="tile \(Self.driftClass(drift))"><span class="label">Delay drift (max PSI, 24 h)</span><span class="value">\(OpsFormat.decimal(drift))</span></div>\
            <div class="tile"><span class="label">Delay realized AUC</span><span class="value">\(OpsFormat.decimal(figures?.realizedAUC))</span></div>\
            <div class="tile"><span class="label">Expected delayed, 30 min</span><span class="value">\(OpsFormat.percent(figures?.predictedDelayShare, digits: 0))</span></div>\
            </div>\
            \(rows.isEmpty ? #"<p class="muted">Not measured yet.</p>"# : """
            <table><thead><tr><th>Product</th><th>Champion</th><th>Test figure (baseline)</th><th>Drift, 24 h</th><th>Realized AUC</th></tr></thead>\
            <tbody>\(rows)</tbody></table>
            """)
            """
    }

    /// The Models page: a section per product.
    var modelSections: [(id: String, html: String)] {
        guard !models.isEmpty else {
            return [("models", #"<p class="muted">The catalogue is measured with the other figures; it shows after the first pass.</p>"#)]
        }
        return models.map { overview in ("model-" + overview.name, modelSection(overview)) }
    }

    func modelSection(_ overview: ModelOverview) -> String {
        let deployed = [overview.champion, overview.challenger].compactMap { $0 }.map(deployedTable).joined()
        let service = overview.service.map { service in
            """
            <table><caption>The champion in service, last \(service.days) day\(service.days == 1 ? "" : "s")</caption><tbody>\
            <tr><th>Predictions logged</th><td>\(OpsFormat.count(service.predictions))</td></tr>\
            <tr><th>Drift (max PSI)</th><td class="\(Self.driftClass(service.maximumPSI))">\(OpsFormat.decimal(service.maximumPSI))\
            \(service.mostDriftedFeature.map { " <span class=\"muted\">" + HTML.escape($0) + "</span>" } ?? "")</td></tr>\
            <tr><th>With a known outcome</th><td>\(OpsFormat.count(service.withOutcome))</td></tr>\
            <tr><th>Realized AUC · Brier</th><td>\(OpsFormat.decimal(service.realizedAuc)) · \(OpsFormat.decimal(service.realizedBrier, digits: 4))</td></tr>\
            </tbody></table>
            """
        } ?? #"<p class="muted">No champion in service.</p>"#
        return """
            <h2>\(HTML.escape(overview.name)) <span class="muted">\(overview.versions) version\(overview.versions == 1 ? "" : "s") · \
            \(HTML.escape(overview.featureSchema)), \(overview.features) features</span></h2><p>\(HTML.escape(overview.summary))</p>\
            \(deployed.isEmpty ? #"<p class="muted">No version is deployed. Train one with <code>skyport train \#(HTML.escape(overview.name))</code>.</p>"# : deployed)\
            \(service)
            """
    }

    func deployedTable(_ deployed: ModelOverview.Deployed) -> String {
        let period = [("train", deployed.dataPeriod.train), ("validation", deployed.dataPeriod.validation), ("test", deployed.dataPeriod.test)]
            .compactMap { name, period in period.map { "\(name) \($0.from) to \($0.to)" } }.joined(separator: " · ")
        guard let headline = deployed.headline else {
            return #"<p><strong>\#(deployed.alias) v\#(deployed.version)</strong> <span class="muted">(\#(HTML.escape(deployed.origin)), no test figures)</span></p>"#
        }
        let baselines = Array(Set(headline.metrics.flatMap(\.baselines.keys))).sorted()
        let rows = headline.metrics.map { metric in
            "<tr><th>\(HTML.escape(metric.name))</th><td><strong>\(Self.figure(metric.model))</strong></td>"
                + baselines.map { "<td>\(metric.baselines[$0].map(Self.figure) ?? "–")</td>" }.joined() + "</tr>"
        }.joined()
        return """
            <table><caption>\(HTML.escape(deployed.alias)) v\(deployed.version) · \(HTML.escape(deployed.origin)) · \(HTML.escape(deployed.createdAt))\
            \(period.isEmpty ? "" : " · " + period)<br><span class="muted">test: \(HTML.escape(headline.testSet))</span></caption>\
            <thead><tr><th>Metric</th><th>Model</th>\(baselines.map { "<th>\(HTML.escape($0))</th>" }.joined())</tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    /// The model's figure and its best baseline's, in one cell.
    static func headlineCell(_ metric: ModelHeadline.Metric) -> String {
        let best = metric.higherIsBetter ? metric.baselines.max { $0.value < $1.value } : metric.baselines.min { $0.value < $1.value }
        return "\(HTML.escape(metric.name)) \(figure(metric.model))"
            + (best.map { #" <span class="muted">(\#(HTML.escape($0.key)) \#(figure($0.value)))</span>"# } ?? "")
    }

    static func figure(_ value: Double) -> String {
        abs(value) >= 100 ? String(format: "%.1f", value) : String(format: "%.4g", value)
    }

    static func driftClass(_ psi: Double?) -> String {
        psi.map { $0 < 0.1 ? "ok" : $0 < 0.25 ? "warn" : "bad" } ?? "muted"
    }
}
