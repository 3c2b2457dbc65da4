import Booking
import Foundation
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

@Suite struct NetworkImportTests {
    @Test(arguments: TestDatabases.engines)
    func importBuildsTheScheduleAndKeepsTheHistory(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let summary = try await FixtureNetwork.seed(database)
            #expect(summary.airports == 8)  // 4 valid rows (04G is not an IATA code) + 4 supplementary
            #expect(summary.historicalFlights == 31 * 5)
            #expect(summary.weatherObservations == 31 * 3)
            // 5 departures a day and their 5 mirrored returns, 14 days.
            #expect(summary.scheduledFlights == 14 * 10)
            try await database.read { sql in
                let count = try await sql.raw("SELECT COUNT(*) AS n FROM flights WHERE synthesized_inbound = 1").first()!.decode(column: "n", as: Int.self)
                #expect(count == 14 * 5)
                let delays = try await sql.raw("SELECT COUNT(*) AS n FROM historical_flights WHERE departure_delay_minutes IS NOT NULL").first()!.decode(column: "n", as: Int.self)
                #expect(delays == 31 * 5)
            }
        }
    }

    struct FlightRow: Decodable {
        let id: String, flight_number: Int, origin: String, destination: String, departure_date: String
        let departs_at: Int64, arrives_at: Int64, seats_source: String, aircraft_model: String?
    }

    @Test func outboundKeepsLocalTimesAndReturnsMirrorIt() async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await FixtureNetwork.seed(database)
            let flights = try await database.read { sql in
                try await sql.raw("""
                    SELECT id, flight_number, origin, destination, departure_date, departs_at, arrives_at, seats_source, aircraft_model
                    FROM flights WHERE departure_date = '2026-12-08' ORDER BY id
                    """).all(decoding: FlightRow.self)
            }
            let ny = WallClock(timeZoneIdentifier: "America/New_York")!
            let outbound = try #require(flights.first { $0.id == "20261208-UA100-JFKLAX" })
            #expect(ny.localISO(Date(timeIntervalSince1970: TimeInterval(outbound.departs_at))) == "2026-12-08T08:00:00-05:00")
            // 08:00 EST to 11:20 PST is a 6 h 20 min block.
            #expect(outbound.arrives_at - outbound.departs_at == 380 * 60)
            #expect(outbound.seats_source == "tail")
            #expect(outbound.aircraft_model == "A321-211")
            // The return leaves LAX 60 minutes after landing with the next free flight number.
            let inbound = try #require(flights.first { $0.id == "20261208-UA101-LAXJFK" })
            #expect(inbound.departs_at == outbound.arrives_at + 3600)
            #expect(inbound.arrives_at - inbound.departs_at == 380 * 60)
            // No registered tail: the carrier has no registered aircraft either, so the default seats.
            #expect(flights.first { $0.id == "20261208-AA200-JFKLAX" }?.seats_source == "default")
        }
    }

    @Test func cabinsFollowTheLayoutRule() async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await FixtureNetwork.seed(database)
            let cabins = try await database.read { sql in
                try await sql.raw("SELECT cabin, capacity FROM flight_cabins WHERE flight_id = '20261208-B6400-JFKBOS' ORDER BY cabin").all()
                    .map { try "\($0.decode(column: "cabin", as: String.self))=\($0.decode(column: "capacity", as: Int.self))" }
            }
            #expect(cabins == ["business=8", "economy=92"])
            let small = try await database.read { sql in
                try await sql.raw("SELECT cabin FROM flight_cabins WHERE flight_id = '20261208-B6300-EWRBOS'").all().count
            }
            #expect(small == 1)
        }
    }

    @Test func importingAgainKeepsSoldSeats() async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await FixtureNetwork.seed(database)
            try await database.transaction { sql in
                try await sql.raw("UPDATE flight_cabins SET sold = 3 WHERE flight_id = '20261208-UA100-JFKLAX' AND cabin = 'economy'").run()
            }
            try await FixtureNetwork.seed(database)
            let sold = try await database.read { sql in
                try await sql.raw("SELECT sold FROM flight_cabins WHERE flight_id = '20261208-UA100-JFKLAX' AND cabin = 'economy'").first()!.decode(column: "sold", as: Int.self)
            }
            #expect(sold == 3)
        }
    }

    @Test func csvParsingHandlesQuotesAndLineEndings() throws {
        let table = try CSVTable(parsing: Data("a,b,c\r\n1,\"x, \"\"y\"\"\",3\n4,,6".utf8))
        #expect(table.header == ["a", "b", "c"])
        #expect(table.rows == [["1", "x, \"y\"", "3"], ["4", "", "6"]])
        #expect(throws: NetworkDataError.self) { try CSVTable(parsing: Data("a,b\n1,2,3\n".utf8)) }
    }

    @Test func missingFilesAreReportedByName() async throws {
        try await TestDatabases.with(.sqlite) { database in
            let importer = NetworkImporter(database: database, dataDirectory: URL(fileURLWithPath: "/nonexistent"), record: nil, logger: TestDatabases.logger)
            await #expect(throws: NetworkDataError.self) {
                try await importer.importAll(scheduleStart: FixtureNetwork.firstDay, weeks: 1)
            }
        }
    }
}
