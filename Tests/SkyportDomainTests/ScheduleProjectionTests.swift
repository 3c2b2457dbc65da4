import Testing
@testable import SkyportDomain

@Suite struct ScheduleProjectionTests {
    @Test func patternDateKeepsTheWeekdayAndTheSeason() {
        var date = LocalDate(year: 2026, month: 1, day: 1)!
        for _ in 0..<(366 * 3) {
            let pattern = ScheduleProjection.patternDate(for: date)
            #expect(pattern.year == 2013)
            #expect(pattern.isoWeekday == date.isoWeekday)
            let anchor = LocalDate(year: 2013, month: date.month, day: min(date.day, date.month == 2 ? 28 : date.day))!
            #expect(abs(pattern.daysSinceEpoch - anchor.daysSinceEpoch) <= 7)
            date = date.adding(days: 1)
        }
    }

    @Test func hhmmTimes() {
        #expect(ScheduleProjection.minutes(fromHHMM: 515) == 315)
        #expect(ScheduleProjection.minutes(fromHHMM: 2400) == 1440)
        #expect(ScheduleProjection.minutes(fromHHMM: 1260) == nil)
        #expect(ScheduleProjection.minutes(fromHHMM: -5) == nil)
    }

    @Test func inboundNumbersAvoidTheCarriersOwnNumbers() {
        #expect(ScheduleProjection.inboundFlightNumber(outbound: 100, usedByCarrier: [100]) == 101)
        #expect(ScheduleProjection.inboundFlightNumber(outbound: 100, usedByCarrier: [100, 101, 102]) == 103)
        #expect(ScheduleProjection.inboundFlightNumber(outbound: 9999, usedByCarrier: [9999, 1]) == 2)
    }

    @Test func cabinsFollowTheAircraftSize() {
        #expect(CabinLayout.seats(forAircraftSeats: 50) == [.economy: 50])
        #expect(CabinLayout.seats(forAircraftSeats: 100) == [.business: 8, .economy: 92])
        #expect(CabinLayout.seats(forAircraftSeats: 200) == [.business: 16, .economy: 184])
    }
}
