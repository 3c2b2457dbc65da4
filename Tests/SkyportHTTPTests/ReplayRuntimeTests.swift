import Accounts
import Booking
import Foundation
import Operations
import Prediction
import SQLKit
import SkyportApp
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

/// `skyport replay`'s wiring: the airline's champion copied into a database of the replay's own, built
/// from the data set's CSVs, and played on the replay's clock.
@Suite struct ReplayRuntimeTests {
    @Test func theReplayRunsTheAirlinesChampionOnADatabaseOfItsOwn() async throws {
        let directory = try StormFixture.writeCSVs()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = try SkyportConfiguration(environment: [
            "SKYPORT_DATA_DIR": directory.path, "SKYPORT_SECRET_KEY": BookingFixture.secret, "SKYPORT_BCRYPT_COST": "4",
        ])
        var plan = ReplayPlan(date: StormFixture.day)
        plan.stepMinutes = 30
        let location = DatabaseLocation.sqlite(path: directory.appendingPathComponent("replay.sqlite").path)
        func start() async throws -> ReplayRuntime {
            try await ReplayRuntime.start(plan: plan, source: source, database: location, port: 0, logger: TestDatabases.logger) { _ in }
        }

        // Without a champion in the airline's database there is nothing to replay against.
        await #expect { try await start() } throws: { ($0 as? ServiceError)?.code == "model_not_found" }
        let airline = try await SkyportRuntime.open(source, logger: TestDatabases.logger)
        try await TestDatabases.migrator.migrate(airline)
        let champion = try await WeatherDelayModel.installChampion(in: airline, now: 0)
        await airline.close()
        // The airline's own database is never the replay's.
        await #expect {
            try await ReplayRuntime.start(plan: plan, source: source, database: source.database, port: 0, logger: TestDatabases.logger) { _ in }
        } throws: { ($0 as? ServiceError)?.code == "replay_database_in_use" }

        for run in 1...2 {
            // A second run starts from a new database, not from what the first left.
            let started = try await start()
            #expect(started.modelVersion == champion.version)
            let copied = try #require(try await ModelRegistry(database: started.runtime.database).resolve("delay", "champion"))
            #expect(copied.artifacts.map(\.sha256) == champion.artifacts.map(\.sha256) && copied.evaluation == champion.evaluation)
            #expect(started.imported.scheduledFlights == 9 * 5)
            #expect(started.clock.now == started.replay.start)

            let guest = try await started.signUpGuest(password: "replay-guest-\(run)")
            let prepared = try await started.replay.prepare(customerID: guest.id)
            #expect(prepared.bookings == 10 && prepared.customerBookings.count == 1 && prepared.examples.count == 3)
            #expect(try await started.runtime.services.repository.trips(customerID: guest.id).count == 1)
            while !started.replay.finished { try await started.replay.step() }
            let summary = try await started.replay.summary()
            #expect(summary.bookings == 10 && summary.cancelled == 1 && summary.disruptions["cancelled"] == 1 && summary.inventoryConsistent)
            try await started.runtime.prediction.log.flush()
            await started.runtime.database.close()
        }
    }
}
