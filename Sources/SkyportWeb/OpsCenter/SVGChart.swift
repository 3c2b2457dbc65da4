import Foundation

/// Charts drawn by the server as inline SVG: no chart service, no script, and they scale with the page
/// (the view box is stretched to the card; strokes keep their width). Colours come from the stylesheet
/// through classes, as the Content-Security-Policy allows no inline style.
struct SVGChart {
    struct Series {
        /// How a series is drawn; its name is the class the stylesheet colours.
        enum Kind: String {
            case line, errors, bar
            case warnLine = "warn-line"
        }

        let kind: Kind
        let name: String
        /// (time, value); missing times count as 0 for counts, as gaps for measurements.
        let points: [(time: Int64, value: Double)]
    }

    let since: Int64
    let until: Int64
    let step: Int64
    var width = 300.0
    var height = 80.0
    /// How the largest value is written in the corner (`12 req/s`).
    let format: (Double) -> String
    /// The chart's summary for screen readers.
    let label: String

    func render(_ series: [Series], filled: Bool = true) -> String {
        let maximum = max(series.flatMap { $0.points.map(\.value) }.max() ?? 0, 1e-9)
        let steps = max(1, (until - since) / step)
        func x(_ time: Int64) -> Double { Double(time - since) / Double(steps * step) * width }
        func y(_ value: Double) -> Double { height - 4 - (value / maximum) * (height - 16) }
        var parts: [String] = []
        for line in series {
            let byTime = Dictionary(line.points.map { ($0.time, $0.value) }, uniquingKeysWith: +)
            let times = stride(from: since, to: until, by: Int(step)).map { $0 }
            if line.kind == .bar {
                let barWidth = max(1, width / Double(times.count) - 1)
                for time in times {
                    guard let value = byTime[time], value > 0 else { continue }
                    parts.append(#"<rect class="bar" x="\#(number(x(time)))" y="\#(number(y(value)))" width="\#(number(barWidth))" height="\#(number(height - 4 - y(value)))"/>"#)
                }
                continue
            }
            let coordinates = times.map { "\(number(x($0))),\(number(y(byTime[$0] ?? 0)))" }
            guard !coordinates.isEmpty else { continue }
            if filled && line.kind == .line {
                let area = "0,\(number(height - 4)) " + coordinates.joined(separator: " ") + " \(number(x(times.last!))),\(number(height - 4))"
                parts.append(#"<polygon class="area" points="\#(area)"/>"#)
            }
            parts.append(#"<polyline class="\#(line.kind.rawValue)" points="\#(coordinates.joined(separator: " "))"/>"#)
        }
        let legend = series.map { HTML.escape($0.name) }.joined(separator: ", ")
        // The scale is text of the page, not of the drawing, so that stretching the drawing does not stretch it.
        return """
            <div class="chart-box"><span class="scale">\(HTML.escape(format(maximum)))</span>\
            <svg class="chart" viewBox="0 0 \(number(width)) \(number(height))" preserveAspectRatio="none" role="img" aria-label="\(HTML.escape(label))">\
            <title>\(HTML.escape(label)) (\(legend))</title>\
            <line class="axis" x1="0" y1="\(number(height - 4))" x2="\(number(width))" y2="\(number(height - 4))"/>\
            \(parts.joined())</svg></div>
            """
    }

    private func number(_ value: Double) -> String { String(format: "%.1f", value) }
}
