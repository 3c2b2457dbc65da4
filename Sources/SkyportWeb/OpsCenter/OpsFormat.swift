import Foundation
import SkyportDomain

/// How the command center writes numbers, times and money: in English, as the site's `LocaleFormat` does,
/// with times in UTC (operators across stations share one clock).
enum OpsFormat {
    static func rate(_ requests: Int, over seconds: Int64) -> String {
        let perSecond = Double(requests) / Double(max(seconds, 1))
        return perSecond >= 10 ? String(format: "%.0f/s", perSecond) : String(format: "%.2f/s", perSecond)
    }

    static func percent(_ share: Double?, digits: Int = 2) -> String {
        guard let share else { return "–" }
        return String(format: "%.\(digits)f%%", share * 100)
    }

    static func milliseconds(_ seconds: Double?) -> String {
        guard let seconds else { return "–" }
        return seconds >= 1 ? String(format: "%.2f s", seconds) : String(format: "%.0f ms", seconds * 1000)
    }

    static func count(_ value: Int) -> String {
        english.integer(value)
    }

    static func money(_ minor: Int64, _ currency: String) -> String {
        guard let code = CurrencyCode(currency) else { return "\(minor) \(currency)" }
        return english.money(Money(minorUnits: minor, currency: code))
    }

    /// `Tue, Dec 1 09:41Z`.
    static func time(_ seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let minutes = (seconds - days * 86_400) / 60
        return english.shortDate(LocalDate(daysSinceEpoch: Int(days))) + " " + twoDigits(minutes / 60) + ":" + twoDigits(minutes % 60) + "Z"
    }

    private static let english = LocaleFormat(language: .english)

    private static func twoDigits(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }

    static func age(_ seconds: Int64) -> String {
        switch seconds {
        case ..<60: "\(max(seconds, 0)) s ago"
        case ..<3600: "\(seconds / 60) min ago"
        case ..<86_400: "\(seconds / 3600) h ago"
        default: "\(seconds / 86_400) d ago"
        }
    }

    static func decimal(_ value: Double?, digits: Int = 3) -> String {
        value.map { String(format: "%.\(digits)f", $0) } ?? "–"
    }
}
