import Foundation
import SQLKit
import SkyportStore
import SkyportTestSupport
import Synchronization
import Testing

@Suite struct StoreTests {
    @Test(arguments: TestDatabases.engines)
    func aCancelledTransactionIsRolledBackAndTheNextOneWorks(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let (inside, entered) = AsyncStream<Void>.makeStream()
            let task = Task {
                try await database.transaction { sql in
                    try await sql.raw("INSERT INTO carriers (code, name) VALUES ('ZZ', 'Cancelled')").run()
                    entered.yield()
                    try await Task.sleep(for: .seconds(30))
                }
            }
            for await _ in inside { break }
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
            // A stop while a background job writes (a shutdown, say) must not leave the writer inside a transaction.
            for code in ["ZY", "ZX"] {
                try await database.transaction { sql in try await sql.raw("INSERT INTO carriers (code, name) VALUES (\(bind: code), 'Next')").run() }
            }
            let codes = try await database.read { sql in
                try await sql.raw("SELECT code FROM carriers WHERE code IN ('ZZ', 'ZY', 'ZX') ORDER BY code").all().map { try $0.decode(column: "code", as: String.self) }
            }
            #expect(codes == ["ZX", "ZY"])
        }
    }

    @Test(arguments: TestDatabases.engines)
    func closingWaitsForTheOperationsInFlightAndThenRefusesNewOnes(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let (inside, entered) = AsyncStream<Void>.makeStream()
            let finished = Atomic<Bool>(false)
            // A background job still reading while the process stops: its connection must be closed too,
            // so closing waits for it.
            let reading = Task {
                try await database.read { sql in
                    entered.yield()
                    try await Task.sleep(for: .milliseconds(200))
                    let answer = try await sql.raw("SELECT 41 + 1 AS answer").first()!.decode(column: "answer", as: Int.self)
                    finished.store(true, ordering: .sequentiallyConsistent)
                    return answer
                }
            }
            for await _ in inside { break }
            await database.close()
            let finishedBeforeClosing = finished.load(ordering: .sequentiallyConsistent)
            #expect(finishedBeforeClosing)
            let answer = try await reading.value
            #expect(answer == 42)
            await #expect(throws: DatabaseError.self) { try await database.read { sql in try await sql.raw("SELECT 1").run() } }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func migrationsApplyOnceAndInOrder(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine, migrate: false) { database in
            let migrator = TestDatabases.migrator
            let first = try await migrator.migrate(database)
            #expect(first == TestDatabases.migrator.migrations.map(\.version))
            #expect(try await migrator.migrate(database).isEmpty)
            #expect(try await migrator.appliedVersions(database) == first)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aFailedTransactionLeavesNothing(engine: SQLEngine) async throws {
        struct Boom: Error {}
        try await TestDatabases.with(engine) { database in
            await #expect(throws: Boom.self) {
                try await database.transaction { sql in
                    try await sql.raw("INSERT INTO carriers (code, name) VALUES (\(bind: "ZZ"), \(bind: "Rolled Back Air"))").run()
                    throw Boom()
                }
            }
            let rows = try await database.read { sql in try await sql.raw("SELECT code FROM carriers").all().count }
            #expect(rows == 0)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func conditionalUpdatesNeverOversell(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await database.transaction { sql in
                try await sql.raw("INSERT INTO airports (code, name, latitude, longitude, altitude_ft, time_zone) VALUES ('JFK', 'JFK', 0, 0, 0, 'America/New_York')").run()
                try await sql.raw("INSERT INTO carriers (code, name) VALUES ('UA', 'United')").run()
                try await sql.raw("""
                    INSERT INTO flights (id, carrier, flight_number, origin, destination, departure_date, departs_at, arrives_at,
                                         distance_miles, seats_source, synthesized_inbound)
                    VALUES ('F1', 'UA', 1, 'JFK', 'JFK', '2026-12-01', 0, 1, 0, 'tail', 0)
                    """).run()
                try await sql.raw("INSERT INTO flight_cabins (flight_id, cabin, capacity, sold) VALUES ('F1', 'economy', 10, 0)").run()
            }
            let successes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<40 {
                    group.addTask {
                        try await database.transaction { sql in
                            !(try await sql.raw("""
                                UPDATE flight_cabins SET sold = sold + \(bind: 1) WHERE flight_id = 'F1' AND sold + \(bind: 1) <= capacity RETURNING sold
                                """).all().isEmpty)
                        }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(successes == 10)
            let sold = try await database.read { sql in try await sql.raw("SELECT sold FROM flight_cabins").first()!.decode(column: "sold", as: Int.self) }
            #expect(sold == 10)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func bulkInsertKeepsOrUpdatesExistingRows(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await database.transaction { sql in
                try await BulkInsert.insert(into: "carriers", columns: ["code", "name"], rows: [["AA", "Old"], ["UA", "United"]],
                                            onConflict: .keep(key: ["code"]), on: sql)
                try await BulkInsert.insert(into: "carriers", columns: ["code", "name"], rows: [["AA", "Kept?"]],
                                            onConflict: .keep(key: ["code"]), on: sql)
            }
            var name = try await database.read { sql in try await sql.raw("SELECT name FROM carriers WHERE code = 'AA'").first()!.decode(column: "name", as: String.self) }
            #expect(name == "Old")
            try await database.transaction { sql in
                try await BulkInsert.insert(into: "carriers", columns: ["code", "name"], rows: [["AA", "American"]],
                                            onConflict: .update(key: ["code"], columns: ["name"]), on: sql)
            }
            name = try await database.read { sql in try await sql.raw("SELECT name FROM carriers WHERE code = 'AA'").first()!.decode(column: "name", as: String.self) }
            #expect(name == "American")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func outboxKeepsEventsInOrder(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            for index in 0..<3 {
                try await database.transaction { sql in
                    try await Outbox.append(topic: "test.event", aggregateID: "a\(index)", payload: ["n": index], on: sql, at: .init(timeIntervalSince1970: 0))
                }
            }
            let events = try await database.read { sql in try await Outbox.events(on: sql) }
            #expect(events.map(\.aggregateId) == ["a0", "a1", "a2"])
            #expect(events.first?.payload == "{\"n\":0}")
        }
    }

    @Test func databaseURLs() throws {
        #expect(try DatabaseLocation(url: "sqlite:///var/lib/skyport.sqlite") == .sqlite(path: "/var/lib/skyport.sqlite"))
        #expect(try DatabaseLocation(url: "postgres://u:p@h:5432/d") == .postgres(url: "postgres://u:p@h:5432/d"))
        #expect(try DatabaseLocation(url: "postgres://u:secret@h:5432/d").description == "postgres://u:***@h:5432/d")
        #expect(throws: DatabaseError.self) { try DatabaseLocation(url: "sqlite://relative.sqlite") }
        #expect(throws: DatabaseError.self) { try DatabaseLocation(url: "mysql://x") }
    }
}
