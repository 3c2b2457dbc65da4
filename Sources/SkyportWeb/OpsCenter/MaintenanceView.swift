import Foundation
import Maintenance
import Prediction
import SkyportDomain

/// The command center's maintenance page: the engines whose 90 % interval starts within N cycles, soonest first, with
/// the dates their remaining cycles fall on (one per scheduled flight of the aircraft) and what brings each closest.
struct MaintenanceView {
    let engines: [EngineFleet.Engine]
    /// The fleet's size, to say how many are not listed.
    let fleetSize: Int
    let within: Int
    let now: Int64

    var sections: [(id: String, html: String)] {
        let form = """
            <form method="get" action="/ops/maintenance" class="inline"><label for="within">Engines due within</label> \
            <input id="within" name="within" type="number" min="1" max="100000" value="\(within)"> cycles <button type="submit">Show</button></form>
            """
        guard !engines.isEmpty else {
            return [("engines", form + #"<p class="muted">No engine of the \#(fleetSize) in the fleet is due within \#(within) cycles\#(fleetSize == 0 ? " (import some with <code>skyport data import-engines</code>)" : "").</p>"#)]
        }
        let rows = engines.map { engine -> String in
            guard let due = engine.due else { return "" }
            let risk = due.probabilityFailureWithinHorizon
            let riskClass = risk >= 0.5 ? "bad" : risk >= 0.2 ? "warn" : "ok"
            return """
                <tr><th>\(HTML.escape(engine.id))</th><td>\(HTML.escape(engine.tailNumber)) #\(engine.position)</td><td>\(engine.cyclesRecorded)</td>\
                <td><strong>\(Self.cycles(due.remainingCycles))</strong> <span class="muted">(\(Self.cycles(due.lowerCycles))–\(Self.cycles(due.upperCycles)))</span></td>\
                <td class="\(riskClass)">\(OpsFormat.percent(risk, digits: 0))</td>\
                <td>\(due.earliestDate.map { OpsFormat.time($0.seconds) } ?? "–")</td><td>\(due.date.map { OpsFormat.time($0.seconds) } ?? "–")\
                \(due.basis == .extrapolated ? #" <span class="muted">(past the schedule)</span>"# : "")</td>\
                <td class="muted">\(HTML.escape(due.reasons.first?.phrase ?? ""))</td></tr>
                """
        }.joined()
        let table = """
            <h2>Engines due within \(within) cycles <span class="muted">\(engines.count) of \(fleetSize)</span></h2>\
            <table><thead><tr><th>Engine</th><th>Aircraft</th><th>Cycles flown</th><th>Cycles left (90 %)</th><th>Fails within 30</th>\
            <th>Earliest</th><th>Due</th><th>Why</th></tr></thead><tbody>\(rows)</tbody></table>\
            <p class="muted">Remaining cycles from the engine-life champion; a date is the aircraft's n-th scheduled flight from now. The FD001 engines \
            are NASA's simulation on a demonstration mapping (docs/ml.md).</p>
            """
        return [("engines", form + table)]
    }

    static func cycles(_ value: Double) -> String { String(format: "%.0f", value) }
}
