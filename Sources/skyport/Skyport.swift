import ArgumentParser
import Logging
import SkyportApp
import SkyportHTTP

/// The `skyport` command line.
@main
struct Skyport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skyport",
        abstract: "An open airline platform: booking engine, web site and APIs on SQLite or PostgreSQL.",
        discussion: """
            Configuration comes from environment variables (SKYPORT_DATABASE_URL, SKYPORT_HTTP_PORT, SKYPORT_DATA_DIR, ...),
            which the options of each command override. See docs/configuration.md.
            """,
        subcommands: [Serve.self, Migrate.self, DataCommand.self, Train.self, Models.self, Predict.self, Operators.self, Sources.self, WeatherCommand.self,
                      Replay.self, Alerts.self, Forecast.self, Simulate.self])

    /// `skyport models <model> <command>` is read as `skyport models <command> --model <model>`.
    static func main() async {
        await main(Models.arguments(Array(CommandLine.arguments.dropFirst())))
    }
}

/// Options shared by every command that touches the database.
struct CommonOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "sqlite:///absolute/path.sqlite or postgres://user:pass@host:port/db (env SKYPORT_DATABASE_URL).")
    var databaseURL: String?

    @Option(name: .customLong("data-dir"), help: "Directory of the data set's CSVs and the default SQLite file (env SKYPORT_DATA_DIR, default ./data).")
    var dataDirectory: String?

    /// The environment with these options applied over it.
    func configuration(extra: [String: String] = [:]) throws -> SkyportConfiguration {
        var environment = ProcessEnvironment.current
        if let dataDirectory { environment["SKYPORT_DATA_DIR"] = dataDirectory }
        if let databaseURL { environment["SKYPORT_DATABASE_URL"] = databaseURL }
        for (key, value) in extra { environment[key] = value }
        let configuration = try SkyportConfiguration(environment: environment)
        LoggingBootstrap.once(level: configuration.logLevel)
        return configuration
    }
}

/// Sets up JSON-lines logging the first time it is called.
enum LoggingBootstrap {
    nonisolated(unsafe) private static var done = false

    static func once(level: Logger.Level) {
        guard !done else { return }
        done = true
        LoggingSystem.bootstrap({ label, provider in JSONLogHandler(label: label, level: level, metadataProvider: provider) },
                                metadataProvider: RequestScope.metadataProvider)
    }
}
