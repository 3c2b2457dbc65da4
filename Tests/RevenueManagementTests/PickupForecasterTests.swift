import Testing
@testable import RevenueManagement

@Suite struct PickupForecasterTests {
    /// Readings for one class: `atReading` bookings on each reading day, `final` at departure.
    static func history(weekday: Int, final: Int, at60: Int) -> BookingHistory {
        let days = PickupForecaster.readingDays
        return BookingHistory(weekday: weekday, bookings: days.map { day in
            let booked = day >= 60 ? (day == 90 ? 0 : at60) : at60 + Int(Double(final - at60) * (60 - day) / 60)
            return [booked]
        })
    }

    @Test func additivePickupIsTheMeanOfWhatSimilarFlightsTookFromThatDay() {
        // Fridays took 30 and 50 more after day 60; Mondays 10 more.
        let histories = (0..<5).map { _ in Self.history(weekday: 5, final: 40, at60: 10) } + (0..<5).map { _ in Self.history(weekday: 5, final: 70, at60: 20) }
            + (0..<5).map { _ in Self.history(weekday: 1, final: 15, at60: 5) }
        let forecaster = PickupForecaster(method: .additive, histories: histories, classCount: 1)
        let friday = forecaster.remainingDemand(weekday: 5, daysBefore: 60, booked: [12])[0]
        #expect(abs(friday.mean - 40) < 1e-9)
        #expect(abs(friday.standardDeviation - (Double(10 * 10 * 10) / 9).squareRoot()) < 1e-9)
        #expect(abs(forecaster.remainingDemand(weekday: 1, daysBefore: 60, booked: [3])[0].mean - 10) < 1e-9)
        // A weekday with too few flights of its own learns from all of them.
        #expect(abs(forecaster.remainingDemand(weekday: 3, daysBefore: 60, booked: [3])[0].mean - 30) < 1e-9)
        // At departure nothing is left to come.
        #expect(forecaster.remainingDemand(weekday: 5, daysBefore: 0, booked: [40])[0].mean == 0)
    }

    @Test func multiplicativePickupScalesWhatIsBooked() {
        let histories = (0..<6).map { _ in Self.history(weekday: 2, final: 40, at60: 10) }
        let forecaster = PickupForecaster(method: .multiplicative, histories: histories, classCount: 1)
        // Four times what was booked at day 60: 20 booked now means 60 more to come; nothing booked falls back to additive.
        #expect(abs(forecaster.remainingDemand(weekday: 2, daysBefore: 60, booked: [20])[0].mean - 60) < 1e-9)
        #expect(abs(forecaster.remainingDemand(weekday: 2, daysBefore: 60, booked: [0])[0].mean - 30) < 1e-9)
    }
}
