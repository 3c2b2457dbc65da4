import SkyportDomain

/// US federal holidays, the days around which traffic and delays change.
public enum USHolidays {
    /// The federal holidays of `year` (observed on their calendar dates).
    public static func dates(in year: Int) -> [LocalDate] {
        [
            LocalDate(year: year, month: 1, day: 1),
            nthWeekday(3, weekday: 1, month: 1, year: year),   // Martin Luther King Jr. Day
            nthWeekday(3, weekday: 1, month: 2, year: year),   // Presidents' Day
            lastWeekday(1, month: 5, year: year),              // Memorial Day
            LocalDate(year: year, month: 7, day: 4),
            nthWeekday(1, weekday: 1, month: 9, year: year),   // Labor Day
            nthWeekday(2, weekday: 1, month: 10, year: year),  // Columbus Day
            LocalDate(year: year, month: 11, day: 11),
            nthWeekday(4, weekday: 4, month: 11, year: year),  // Thanksgiving
            LocalDate(year: year, month: 12, day: 25),
        ].compactMap { $0 }
    }

    /// Signed days from `date` to the nearest holiday (negative: the holiday was before), capped at ±`limit`.
    public static func daysToNearest(from date: LocalDate, limit: Int = 30) -> Int {
        let day = date.daysSinceEpoch
        let candidates = (date.year - 1...date.year + 1).flatMap(days(in:)).map { $0 - day }
        let nearest = candidates.min { abs($0) < abs($1) } ?? limit
        return max(-limit, min(limit, nearest))
    }

    /// Holidays as days since 1970, computed once per year for the years a schedule can reach.
    private static let table: [Int: [Int]] = Dictionary(uniqueKeysWithValues: (1990...2100).map { ($0, dates(in: $0).map(\.daysSinceEpoch)) })

    private static func days(in year: Int) -> [Int] { table[year] ?? dates(in: year).map(\.daysSinceEpoch) }

    /// The `n`th ISO `weekday` (1 = Monday) of a month.
    private static func nthWeekday(_ n: Int, weekday: Int, month: Int, year: Int) -> LocalDate? {
        guard let first = LocalDate(year: year, month: month, day: 1) else { return nil }
        let offset = (weekday - first.isoWeekday + 7) % 7
        return first.adding(days: offset + 7 * (n - 1))
    }

    /// The last ISO `weekday` of a month.
    private static func lastWeekday(_ weekday: Int, month: Int, year: Int) -> LocalDate? {
        guard let nextMonth = month == 12 ? LocalDate(year: year + 1, month: 1, day: 1) : LocalDate(year: year, month: month + 1, day: 1) else {
            return nil
        }
        let last = nextMonth.adding(days: -1)
        return last.adding(days: -((last.isoWeekday - weekday + 7) % 7))
    }
}
