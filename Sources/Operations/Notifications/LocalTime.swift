import Foundation
import SkyportDomain

/// Instants as people at an airport read them: `2026-12-01` and `08:00`.
enum LocalTime {
    static func date(_ seconds: Int64, timeZone: String) -> String {
        (WallClock(timeZoneIdentifier: timeZone) ?? .utc).localDate(of: Date(timeIntervalSince1970: TimeInterval(seconds))).iso
    }

    static func time(_ seconds: Int64, timeZone: String) -> String {
        let minutes = (WallClock(timeZoneIdentifier: timeZone) ?? .utc).localMinutes(of: Date(timeIntervalSince1970: TimeInterval(seconds)))
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(minutes / 60)):\(two(minutes % 60))"
    }

    static func dateTime(_ seconds: Int64, timeZone: String) -> String {
        "\(date(seconds, timeZone: timeZone)) \(time(seconds, timeZone: timeZone))"
    }

    /// `1 h 58 min` or `1시간 58분`.
    static func duration(minutes: Int, language: String) -> String {
        let hours = minutes / 60, rest = minutes % 60
        if language == "ko" { return hours > 0 ? (rest > 0 ? "\(hours)시간 \(rest)분" : "\(hours)시간") : "\(rest)분" }
        return hours > 0 ? (rest > 0 ? "\(hours) h \(rest) min" : "\(hours) h") : "\(rest) min"
    }
}
