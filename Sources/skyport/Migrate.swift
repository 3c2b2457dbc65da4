import ArgumentParser
import Logging
import SkyportApp
import SkyportStore

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply pending schema migrations (idempotent; safe from several instances at once on PostgreSQL).")

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let configuration = try common.configuration()
        let logger = Logger(label: "skyport.migrate")
        let database = try await SkyportRuntime.open(configuration, logger: logger)
        do {
            let applied = try await SkyportModules.migrator(logger: logger).migrate(database)
            print(applied.isEmpty ? "schema is up to date" : "applied migrations \(applied.map(String.init).joined(separator: ", "))")
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }
}
