import Foundation
import Testing
@testable import SkyportDomain

@Suite struct CalendarTests {
    @Test func daysSinceEpochRoundTrips() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(LocalDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
        #expect(LocalDate(year: 1970, month: 1, day: 1)!.daysSinceEpoch == 0)
        #expect(LocalDate(year: 2026, month: 11, day: 25)!.isoWeekday == 3)  // a Wednesday
    }

    @Test(arguments: ["2026-02-29", "2026-13-01", "2026-1-01", "26-01-01", "2026-01-01T00", "", "２０２６-01-01"])
    func invalidDatesAreRefused(_ text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    @Test func springForwardGapMovesForward() throws {
        let newYork = try #require(WallClock(timeZoneIdentifier: "America/New_York"))
        let day = LocalDate(year: 2027, month: 3, day: 14)!
        // 02:30 does not exist that night; it is read with the standard-time offset: 07:30Z (03:30 EDT).
        let instant = newYork.instant(on: day, minutesAfterMidnight: 150)
        #expect(Int(instant.timeIntervalSince1970) == day.daysSinceEpoch * 86_400 + 7 * 3600 + 30 * 60)
        #expect(newYork.localISO(instant) == "2027-03-14T03:30:00-04:00")
    }

    @Test func localTimesKeepTheirZoneAcrossDST() throws {
        let newYork = try #require(WallClock(timeZoneIdentifier: "America/New_York"))
        let winter = newYork.instant(on: LocalDate(year: 2026, month: 12, day: 5)!, minutesAfterMidnight: 8 * 60)
        let summer = newYork.instant(on: LocalDate(year: 2026, month: 7, day: 5)!, minutesAfterMidnight: 8 * 60)
        #expect(newYork.localISO(winter) == "2026-12-05T08:00:00-05:00")
        #expect(newYork.localISO(summer) == "2026-07-05T08:00:00-04:00")
        #expect(newYork.localMinutes(of: winter) == 480)
        #expect(newYork.localDate(of: winter) == LocalDate(year: 2026, month: 12, day: 5))
    }

    @Test func minutesAfterMidnightCanSpillIntoTheNextDay() throws {
        let la = try #require(WallClock(timeZoneIdentifier: "America/Los_Angeles"))
        let instant = la.instant(on: LocalDate(year: 2026, month: 12, day: 5)!, minutesAfterMidnight: 24 * 60 + 30)
        #expect(la.localISO(instant) == "2026-12-06T00:30:00-08:00")
    }
}
