/// A month of the books (`2027-01`): what a close locks.
public struct AccountingPeriod: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1970...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// `YYYY-MM`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 7, parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]) else { return nil }
        self.init(year: year, month: month)
    }

    /// The period a day falls in.
    public init(containing date: LocalDate) {
        year = date.year
        month = date.month
    }

    public var description: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }

    public var firstDay: LocalDate { LocalDate(year: year, month: month, day: 1)! }

    public var next: AccountingPeriod {
        month == 12 ? AccountingPeriod(year: year + 1, month: 1)! : AccountingPeriod(year: year, month: month + 1)!
    }

    public var previous: AccountingPeriod {
        month == 1 ? AccountingPeriod(year: year - 1, month: 12)! : AccountingPeriod(year: year, month: month - 1)!
    }

    /// The day after the period's last.
    public var end: LocalDate { next.firstDay }

    public static func < (lhs: AccountingPeriod, rhs: AccountingPeriod) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }

    /// The day an entry of `date` is posted on: its own, unless its period is closed (months close in order, through
    /// `closedThrough`), when it goes to the first day of the first open period. A closed month is never written again.
    public static func postingDate(for date: LocalDate, closedThrough: AccountingPeriod?) -> LocalDate {
        guard let closedThrough, AccountingPeriod(containing: date) <= closedThrough else { return date }
        return closedThrough.next.firstDay
    }

    /// The UTC day of an instant (seconds since 1970).
    public static func day(of instant: Int64) -> LocalDate {
        LocalDate(daysSinceEpoch: Int(instant >= 0 ? instant / 86_400 : (instant - 86_399) / 86_400))
    }
}
