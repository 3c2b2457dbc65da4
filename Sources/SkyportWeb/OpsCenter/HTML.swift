/// Markup written by the command center's views: every text that comes from data goes through `escape`.
enum HTML {
    /// A runbook as a link when it is one; a file of the repository (`docs/runbooks.md#x`) as its path.
    static func runbook(_ runbook: String) -> String {
        runbook.hasPrefix("https://") || runbook.hasPrefix("http://")
            ? #"<a href="\#(escape(runbook))" rel="noopener">runbook</a>"#
            : #"<span class="muted">runbook <code>\#(escape(runbook))</code></span>"#
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
