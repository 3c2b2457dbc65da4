/// Rules that turn the 2013 New York departures into a sellable future schedule.
public enum ScheduleProjection {
    /// The year whose flights form the pattern.
    public static let patternYear = 2013

    /// The pattern date for a future `date`: the same month and day in 2013, moved by at most
    /// three days so that the weekday matches (so weekday and seasonal patterns both hold).
    public static func patternDate(for date: LocalDate) -> LocalDate {
        let anchor = LocalDate(year: patternYear, month: date.month, day: min(date.day, date.month == 2 ? 28 : date.day))!
        var delta = date.isoWeekday - anchor.isoWeekday
        if delta > 3 { delta -= 7 }
        if delta < -3 { delta += 7 }
        var candidate = anchor.adding(days: delta)
        if candidate.year > patternYear { candidate = candidate.adding(days: -7) }
        if candidate.year < patternYear { candidate = candidate.adding(days: 7) }
        return candidate
    }

    /// Minutes after midnight of a time written `hmm` (`515` is 05:15, `2400` is midnight next day).
    public static func minutes(fromHHMM value: Int) -> Int? {
        let hours = value / 100, minutes = value % 100
        guard value >= 0, hours <= 24, minutes < 60 else { return nil }
        return hours * 60 + minutes
    }

    /// Minutes the aircraft stays on the ground at the far end before the mirrored return.
    public static let turnaroundMinutes = 60

    /// The synthesized return flight's number: the outbound number plus one if the carrier does not
    /// already use that number, else the next number it leaves free (up to 9999).
    public static func inboundFlightNumber(outbound: Int, usedByCarrier used: Set<Int>) -> Int {
        var candidate = outbound
        repeat {
            candidate = candidate >= 9999 ? 1 : candidate + 1
        } while used.contains(candidate) && candidate != outbound
        return candidate
    }
}
