import Foundation
import SkyportDomain

/// How often a series is observed, and so the length of its season: a week of days, a year of weeks, months or
/// quarters.
public enum SeriesFrequency: String, Sendable, Codable, CaseIterable {
    case daily, weekly, monthly, quarterly

    /// Steps in one season.
    public var seasonLength: Int {
        switch self {
        case .daily: 7
        case .weekly: 52
        case .monthly: 12
        case .quarterly: 4
        }
    }

    /// The period `steps` after `date`.
    public func advance(_ date: LocalDate, by steps: Int) -> LocalDate {
        switch self {
        case .daily: return date.adding(days: steps)
        case .weekly: return date.adding(days: 7 * steps)
        case .monthly, .quarterly:
            let months = date.year * 12 + (date.month - 1) + steps * (self == .monthly ? 1 : 3)
            // Periods of months are labelled by their first day.
            return LocalDate(year: months / 12, month: months % 12 + 1, day: 1)!
        }
    }

    /// A period as written in a response: `1960-01` for months and quarters, `2013-02-08` for days and weeks.
    public func label(_ date: LocalDate) -> String {
        switch self {
        case .daily, .weekly: date.iso
        case .monthly, .quarterly: String(date.iso.prefix(7))
        }
    }

    /// A timestamp as series are written: `2013-02-08` (also with a time after it, `2013-02-08T00:00:00Z`), or for
    /// months and quarters `1960-01` and `1977-Jan`. Nil when it is none of these.
    public func parse(_ text: String) -> LocalDate? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let day = trimmed.count > 10 && (trimmed.dropFirst(10).first == "T" || trimmed.dropFirst(10).first == " ")
            ? String(trimmed.prefix(10)) : trimmed
        if let date = LocalDate(iso: day) {
            return self == .monthly || self == .quarterly ? LocalDate(year: date.year, month: date.month, day: 1) : date
        }
        guard self == .monthly || self == .quarterly else { return nil }
        let parts = trimmed.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]) else { return nil }
        let month = Int(parts[1]) ?? Self.monthNames.firstIndex(of: parts[1].lowercased()).map { $0 + 1 }
        return month.flatMap { LocalDate(year: year, month: $0, day: 1) }
    }

    private static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
}
