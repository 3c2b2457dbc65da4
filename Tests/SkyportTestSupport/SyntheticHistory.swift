import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// A made-up 2013 for the ML tests: departures from JFK, LGA and EWR with hourly weather, where bad
/// weather builds up and dies down over hours and delays follow it, so a model has something to learn.
public enum SyntheticHistory {
    /// The first day seeded.
    public static let firstDay = LocalDate(year: 2013, month: 1, day: 1)!
    public static let airports = ["JFK", "LGA", "EWR"]

    /// Seeds `days` days from `firstDay` with `flightsPerDay` departures per airport; returns how many departures.
    @discardableResult
    public static func seed(_ database: any Database, days: Int = 120, flightsPerDay: Int = 30) async throws -> Int {
        var random: UInt64 = 2013
        func next(_ range: ClosedRange<Int>) -> Int {
            random = random &* 6364136223846793005 &+ 1442695040888963407
            return range.lowerBound + Int((random >> 33) % UInt64(range.count))
        }
        // EST: local midnight is 05:00 UTC.
        let start = Int64(firstDay.daysSinceEpoch) * 86_400 + 5 * 3600
        var storm = [Double](repeating: 0, count: days * 24 + 24)
        var level = 0.0
        for hour in storm.indices {
            level = max(0, min(1, level + Double(next(-10...10)) / 100 + (next(0...200) == 0 ? 0.6 : 0) - 0.01))
            storm[hour] = level
        }
        var weather: [BulkInsert.Row] = []
        for airport in airports {
            for hour in 0..<(days * 24) {
                let s = storm[hour]
                weather.append([airport, start + Int64(hour) * 3600, 40.0 - 10 * s, 30.0, 60 + 35 * s, Double(next(0...35) * 10),
                                5 + 25 * s + Double(next(0...4)), s > 0.4 ? 30 + 25 * s : nil, s > 0.5 ? 0.1 * s : 0.0,
                                1015 - 20 * s, max(0.25, 10 - 12 * s)])
            }
        }
        var flights: [BulkInsert.Row] = []
        var id: Int64 = 1
        for day in 0..<days {
            let date = firstDay.adding(days: day)
            for airport in airports {
                for slot in 0..<flightsPerDay {
                    let minuteOfDay = 6 * 60 + slot * (16 * 60 / flightsPerDay) + next(0...9)
                    let hourAt = start + Int64(day) * 86_400 + Int64(minuteOfDay / 60) * 3600
                    let s = storm[day * 24 + minuteOfDay / 60]
                    let delay: Int? = s > 0.85 && next(0...3) == 0 ? nil : Int(max(-8, 160 * s * s + Double(next(-8...25))))
                    let hhmm = (minuteOfDay / 60) * 100 + minuteOfDay % 60
                    let carrier = ["B6", "DL", "AA", "UA"][slot % 4]
                    flights.append([id, date.iso, carrier, 100 + slot, "N\(slot % 9)\(airport)", airport, ["LAX", "ORD", "BOS", "MIA"][slot % 4],
                                    hhmm, hhmm, delay.map { hhmm + $0 }, nil as Int?, delay, nil as Int?, nil as Int?, 1000, hourAt])
                    id += 1
                }
            }
        }
        let (weatherRows, flightRows) = (weather, flights)
        try await database.transaction { sql in
            try await BulkInsert.insert(into: "historical_weather", columns: [
                "origin", "observed_at", "temperature_f", "dew_point_f", "humidity_percent", "wind_direction_deg", "wind_speed_mph",
                "wind_gust_mph", "precipitation_in", "pressure_mb", "visibility_mi",
            ], rows: weatherRows, onConflict: .keep(key: ["origin", "observed_at"]), on: sql)
            try await BulkInsert.insert(into: "historical_flights", columns: [
                "id", "flight_date", "carrier", "flight_number", "tail_number", "origin", "destination", "scheduled_departure_hhmm",
                "scheduled_arrival_hhmm", "departure_hhmm", "arrival_hhmm", "departure_delay_minutes", "arrival_delay_minutes",
                "air_time_minutes", "distance_miles", "scheduled_hour_at",
            ], rows: flightRows, onConflict: .keep(key: ["id"]), on: sql)
        }
        return flights.count
    }
}
