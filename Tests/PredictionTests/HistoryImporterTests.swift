import Foundation
import Prediction
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

@Suite struct HistoryImporterTests {
    struct Kept: Decodable, Equatable {
        let tail_number: String?, aircraft_seats: Int?, aircraft_year_built: Int?
    }

    /// The record keeps each departure's aircraft as the 2013 registry had it; training reads it from the record.
    @Test(arguments: TestDatabases.engines)
    func theRecordKeepsItsAircraft(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            let kept = try await database.read { sql in
                try await sql.raw("""
                    SELECT DISTINCT tail_number, aircraft_seats, aircraft_year_built FROM historical_flights
                    """).all(decoding: Kept.self).sorted { ($0.tail_number ?? "") < ($1.tail_number ?? "") }
            }
            #expect(kept == [.init(tail_number: nil, aircraft_seats: nil, aircraft_year_built: nil),
                             .init(tail_number: "N100", aircraft_seats: 200, aircraft_year_built: 2004),
                             .init(tail_number: "N200", aircraft_seats: 100, aircraft_year_built: 2008),
                             .init(tail_number: "N300", aircraft_seats: 50, aircraft_year_built: 2001)])
            let departure = try #require(try await HistoricalDepartureSource(database: database).departure(reference: "1"))
            #expect(departure.aircraftSeats != nil && departure.aircraftYearBuilt != nil)
        }
    }

    /// A database imported before the record kept its aircraft copies them once from the registry stored with it.
    @Test(arguments: TestDatabases.engines)
    func aDatabaseImportedBeforeCopiesTheAircraftOnce(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine, migrate: false) { database in
            let all = TestDatabases.migrator.migrations
            _ = try await Migrator(migrations: all.filter { $0.version < 19 }, logger: TestDatabases.logger).migrate(database)
            try await database.transaction { sql in
                try await sql.raw("""
                    INSERT INTO aircraft (tail_number, year_built, seats) VALUES ('N100', 2004, 200), ('N5', NULL, 2)
                    """).run()
                for (id, tail) in [(1, "N100"), (2, "N5"), (3, "N999")] as [(Int, String)] {
                    try await sql.raw("""
                        INSERT INTO historical_flights (id, flight_date, carrier, flight_number, tail_number, origin, destination,
                            scheduled_departure_hhmm, scheduled_arrival_hhmm, distance_miles, scheduled_hour_at)
                        VALUES (\(bind: id), '2013-01-01', 'UA', 100, \(bind: tail), 'JFK', 'LAX', 800, 1120, 2475, 1357045200)
                        """).run()
                }
            }
            // Up to migration 19 only: later modules' migrations are not this test's subject.
            #expect(try await Migrator(migrations: all.filter { $0.version <= 19 }, logger: TestDatabases.logger).migrate(database) == [19])
            let kept = try await database.read { sql in
                try await sql.raw("SELECT tail_number, aircraft_seats, aircraft_year_built FROM historical_flights ORDER BY id").all(decoding: Kept.self)
            }
            #expect(kept == [.init(tail_number: "N100", aircraft_seats: 200, aircraft_year_built: 2004),
                             .init(tail_number: "N5", aircraft_seats: 2, aircraft_year_built: nil),
                             .init(tail_number: "N999", aircraft_seats: nil, aircraft_year_built: nil)])
        }
    }
}
