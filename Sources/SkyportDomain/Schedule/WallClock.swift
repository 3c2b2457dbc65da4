import Foundation

/// Converts between local wall-clock times at an airport and instants (UTC), handling DST.
public struct WallClock: Sendable {
    public let timeZone: TimeZone
    private let calendar: Calendar

    /// Coordinated Universal Time, for when no airport's zone applies.
    public static let utc = WallClock(timeZoneIdentifier: "UTC")!

    /// Nil when the identifier is not a known IANA zone.
    public init?(timeZoneIdentifier: String) {
        guard let zone = TimeZone(identifier: timeZoneIdentifier) else { return nil }
        timeZone = zone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
    }

    /// The instant at `minutesAfterMidnight` local time on `date`. A time that does not exist
    /// (the hour skipped when DST starts) moves forward by the gap, as airline schedules do.
    public func instant(on date: LocalDate, minutesAfterMidnight: Int) -> Date {
        let dayOffset = minutesAfterMidnight >= 0 ? minutesAfterMidnight / 1440 : -((1439 - minutesAfterMidnight) / 1440)
        let day = date.adding(days: dayOffset)
        let minutes = minutesAfterMidnight - dayOffset * 1440
        let components = DateComponents(year: day.year, month: day.month, day: day.day, hour: minutes / 60, minute: minutes % 60)
        if let exact = calendar.date(from: components), localMinutes(of: exact) == minutes {
            return exact
        }
        // Inside the spring-forward gap: interpret with the offset in force before the gap.
        let naive = TimeInterval(day.daysSinceEpoch * 86_400 + minutes * 60)
        let offsetBefore = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: naive - 86_400))
        return Date(timeIntervalSince1970: naive - TimeInterval(offsetBefore))
    }

    /// The local date at `instant`.
    public func localDate(of instant: Date) -> LocalDate {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: instant)
        return LocalDate(daysSinceEpoch: Int((Double(seconds) / 86_400).rounded(.down)))
    }

    /// Minutes after local midnight at `instant`.
    public func localMinutes(of instant: Date) -> Int {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: instant)
        let inDay = seconds % 86_400
        return (inDay < 0 ? inDay + 86_400 : inDay) / 60
    }

    /// ISO 8601 local time with offset, e.g. `2026-12-05T08:30:00-05:00`.
    public func localISO(_ instant: Date) -> String {
        let offset = timeZone.secondsFromGMT(for: instant)
        let minutes = localMinutes(of: instant)
        let sign = offset < 0 ? "-" : "+"
        let off = abs(offset) / 60
        return "\(localDate(of: instant).iso)T\(two(minutes / 60)):\(two(minutes % 60)):00\(sign)\(two(off / 60)):\(two(off % 60))"
    }

    private func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
