import Accounts
import Booking
import Foundation
import Logging
import Operations
import Prediction
import SkyportDomain
import SkyportStore
import SQLKit

/// What `skyport replay` runs on: a runtime over the replay's own database, on the replay's clock, filled
/// from the data set's CSVs with the day, the week before and the day after, and running the champion
/// delay model of the airline's database (and its cancellation-risk champion, when it has one).
public struct ReplayRuntime: Sendable {
    public let runtime: SkyportRuntime
    public let replay: StormReplay
    public let clock: ReplayClock
    /// What the replay's database received.
    public let imported: ImportSummary
    /// The model the replay runs (its version number in the airline's registry).
    public let modelVersion: Int
    /// The cancellation-risk model it runs beside it (nil when the airline's database has no champion).
    public let cancellationModelVersion: Int?

    /// Copies the champion out of `source`'s database, builds `database` anew (a SQLite file is replaced;
    /// a PostgreSQL database must hold no flights yet) and opens the replay on it.
    public static func start(plan: ReplayPlan, source: SkyportConfiguration, database location: DatabaseLocation, port: Int,
                             logger: Logger, progress: @Sendable (String) -> Void) async throws -> ReplayRuntime {
        try plan.validate()
        guard location != source.database else {
            throw ServiceError(.invalid, code: .replayDatabaseInUse, message: "A replay needs a database of its own, not \(location).")
        }
        let champions = try await championDrafts(of: source, logger: logger)
        if case .sqlite(let path) = location {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        var configuration = source
        configuration.database = location
        configuration.httpPort = port
        configuration.publicURL = "http://localhost:\(port)"
        // The replay scores each of its steps itself, and its made-up customers stay out of the customer data platform.
        configuration.scope = configuration.scope.overriding(["SKYPORT_OPERATIONS_ENGINE": "off", "SKYPORT_CDP_PROFILES": "off"])
        let clock = ReplayClock(at: StormReplay.instant(plan.date, minutes: plan.startMinutes))
        let runtime = try await SkyportRuntime.start(configuration, logger: logger, clock: BookingClock { clock.date })
        do {
            let flights = try await runtime.database.read { sql in try await BookingFiguresStore.flightCount(on: sql) }
            guard flights == 0 else {
                throw ServiceError(.conflict, code: .replayDatabaseNotEmpty, message: "\(location) already holds flights: give the replay an empty database.")
            }
            let imported = try await NetworkImporter(database: runtime.database, dataDirectory: source.dataDirectory,
                                                     record: HistoryImporter(database: runtime.database), logger: logger)
                .importReplay(of: plan.daysStored, progress: progress)
            let registry = ModelRegistry(database: runtime.database)
            for (name, champion) in [(DelayModel.name, champions.delay), (CancellationRiskModel.name, champions.cancellation)] {
                guard let (draft, _) = champion else { continue }
                let copied = try await registry.register(draft, now: clock.now)
                try await registry.move(alias: "champion", of: name.rawValue, to: copied, by: "replay", now: clock.now)
            }
            let replay = try StormReplay(plan: plan, database: runtime.database, booking: runtime.services, operations: runtime.operations,
                                         clock: clock, logger: logger)
            return ReplayRuntime(runtime: runtime, replay: replay, clock: clock, imported: imported, modelVersion: champions.delay.1,
                                 cancellationModelVersion: champions.cancellation?.1)
        } catch {
            await runtime.database.close()
            throw error
        }
    }

    /// The champions of the airline's database, ready to be registered in the replay's: the delay model's (required)
    /// and the cancellation-risk model's (when there is one).
    static func championDrafts(of source: SkyportConfiguration, logger: Logger) async throws
        -> (delay: (ModelRegistry.Draft, Int), cancellation: (ModelRegistry.Draft, Int)?) {
        let database = try await SkyportRuntime.open(source, logger: logger)
        do {
            try await SkyportModules.migrator(logger: logger).migrate(database)
            let registry = ModelRegistry(database: database, directory: source.modelDirectory)
            guard let champion = try await registry.resolve(DelayModel.name.rawValue, "champion") else {
                throw ServiceError(.notFound, code: .modelNotFound,
                                   message: "\(source.database) has no champion delay model: train one with `skyport train delay --promote champion` (make run does).")
            }
            let draft = try await registry.draft(of: champion)
            var cancellation: (ModelRegistry.Draft, Int)?
            if let risk = try await registry.resolve(CancellationRiskModel.name.rawValue, "champion") {
                cancellation = (try await registry.draft(of: risk), risk.version)
            }
            await database.close()
            return ((draft, champion.version), cancellation)
        } catch {
            await database.close()
            throw error
        }
    }

    /// A customer account for the newcomer to sign in with, holding some of the replay's bookings.
    public func signUpGuest(password: String) async throws -> Customer {
        try await runtime.customerAccounts.createAccount(SignUpInput(email: "guest@replay.example", givenName: "Guest", familyName: "Traveller",
                                                                     preferredLanguage: "en"), password: password)
    }
}
