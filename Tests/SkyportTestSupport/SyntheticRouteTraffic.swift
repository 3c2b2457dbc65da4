import Foundation
import Prediction
import SkyportDomain
import SkyportStore

/// A made-up record of three routes' departures for the demand tests: four departures a day whose seats add up to a
/// weekly pattern with a slow trend and seeded noise, and a fifth, cancelled, of an aircraft the registry lacks.
public enum SyntheticRouteTraffic {
    public static let firstDay = LocalDate(year: 2013, month: 1, day: 1)!
    public static let routes = [("JFK", "LAX"), ("LGA", "ORD"), ("EWR", "BOS")]

    /// Seats a day of a route, day after day from `firstDay`.
    public static func weeklySeats(days: Int, base: Double, seed: UInt64) -> [Double] {
        var random = SeededRandom(seed: seed)
        let week = [1.10, 0.95, 0.90, 1.00, 1.15, 0.75, 1.15]
        return (0..<days).map { day in
            let noise = Double.random(in: -0.04...0.04, using: &random)
            return (base * (1 + Double(day) / 1000) * week[firstDay.adding(days: day).isoWeekday - 1] * (1 + noise)).rounded()
        }
    }

    /// Seeds `days` days of the three routes into the record.
    public static func seed(_ database: any Database, days: Int = 140) async throws {
        var rows: [BulkInsert.Row] = []
        var id: Int64 = 1
        for (index, (origin, destination)) in routes.enumerated() {
            let seats = weeklySeats(days: days, base: Double(4 - index) * 150, seed: UInt64(index + 10))
            for day in 0..<days {
                let date = firstDay.adding(days: day)
                for flight in 0..<5 {
                    let seat: Int? = flight < 4 ? Int(seats[day] / 4) + (flight == 0 ? Int(seats[day]) % 4 : 0) : nil
                    rows.append([id, date.iso, "B6", 100 + flight, origin, destination, 800, 1100, flight < 4 ? 0 : nil as Int?, 1000,
                                 Int64(date.daysSinceEpoch) * 86_400, seat])
                    id += 1
                }
            }
        }
        let inserted = rows
        try await database.transaction { sql in
            try await BulkInsert.insert(into: "historical_flights", columns: [
                "id", "flight_date", "carrier", "flight_number", "origin", "destination", "scheduled_departure_hhmm",
                "scheduled_arrival_hhmm", "departure_delay_minutes", "distance_miles", "scheduled_hour_at", "aircraft_seats",
            ], rows: inserted, onConflict: .keep(key: ["id"]), on: sql)
        }
    }

    /// Trains the demand product on the seeded days (the last 14 held out) and makes it champion.
    @discardableResult
    public static func installChampion(_ product: RouteDemandModel, registry: ModelRegistry, days: Int = 140, now: Int64 = 1) async throws -> ModelVersion {
        let last = firstDay.adding(days: days - 1).iso
        let configuration = try product.trainingConfiguration(
            JSONDecoder().decode(JSONDocument.self, from: Data(#"{"lastDate": "\#(last)", "testDays": 14, "minimumDays": 100}"#.utf8)))
        let version = try await registry.register(try await product.train(configuration, progress: { _ in }, shouldStop: { false }), now: now)
        try await registry.move(alias: "champion", of: RouteDemandModel.name.rawValue, to: version, by: "test", now: now)
        return version
    }
}
