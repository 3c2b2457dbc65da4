import Prediction
import SkyportDomain

/// A deterministic busy airport over two days: departures every few minutes with delays, hourly weather.
struct SyntheticAirport {
    var random: UInt64

    init(seed: UInt64) { random = seed }

    mutating func next(_ range: ClosedRange<Int>) -> Int {
        random = random &* 6364136223846793005 &+ 1442695040888963407
        return range.lowerBound + Int((random >> 33) % UInt64(range.count))
    }

    /// 2013-03-04 00:00 at JFK (EST), in seconds since 1970.
    static let dayStart: Int64 = 1_362_373_200

    /// `dailyNumbers`: the same flight numbers each day (a schedule that repeats), rather than a new number for every departure.
    mutating func departures(days: Int = 2, dailyNumbers: Bool = false) -> [(ScheduledDeparture, DepartureRecord)] {
        var all: [(ScheduledDeparture, DepartureRecord)] = []
        var minute = 6 * 60
        var number = 100
        while minute < days * 1440 - 60 {
            let scheduledAt = Self.dayStart + Int64(minute) * 60
            let day = minute / 1440
            let carrier = ["B6", "DL", "AA", "UA"][next(0...3)]
            let destination = ["LAX", "ORD", "BOS", "MIA", "SFO"][next(0...4)]
            let tail = "N\(next(1...12))XX"
            let delay: Int? = next(0...30) == 0 ? nil : next(-5...90)
            let departure = ScheduledDeparture(
                reference: String(number), carrier: carrier, flightNumber: number, origin: "JFK", destination: destination,
                scheduledAt: scheduledAt, localDate: LocalDate(year: 2013, month: 3, day: 4)!.adding(days: day),
                localMinuteOfDay: minute % 1440, distanceMiles: 1000, tailNumber: tail, aircraftSeats: 150, aircraftYearBuilt: 2004)
            all.append((departure, DepartureRecord(carrier: carrier, flightNumber: number, destination: destination, tailNumber: tail, scheduledAt: scheduledAt,
                                                   departedAt: delay.map { scheduledAt + Int64($0) * 60 })))
            minute += next(2...9)
            number += 1
            if minute % 1440 > 23 * 60 {
                minute = (minute / 1440 + 1) * 1440 + 6 * 60
                if dailyNumbers { number = 100 }
            }
        }
        return all
    }

    mutating func reading(at observedAt: Int64) -> WeatherReading {
        WeatherReading(observedAt: observedAt, temperatureF: Double(next(10...80)), dewPointF: Double(next(0...60)),
                       humidityPercent: Double(next(20...100)), windDirectionDeg: Double(next(0...35) * 10),
                       windSpeedMph: Double(next(0...35)), windGustMph: next(0...2) == 0 ? Double(next(20...50)) : nil,
                       precipitationIn: Double(next(0...20)) / 100, pressureMb: Double(next(985...1035)),
                       visibilityMi: Double(next(1...10)))
    }

    mutating func weather(days: Int = 2) -> [WeatherReading] {
        (0..<(days * 24)).map { reading(at: Self.dayStart + Int64($0) * 3600) }
    }
}
