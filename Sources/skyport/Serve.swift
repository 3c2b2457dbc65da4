import ArgumentParser
import Hummingbird
import Logging
import Prediction
import SkyportApp
import SkyportStore

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the API (applying pending migrations first); stops cleanly on SIGTERM or SIGINT.")

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "Address to listen on (env SKYPORT_HTTP_HOST, default 127.0.0.1).")
    var host: String?

    @Option(name: .long, help: "Port to listen on (env SKYPORT_HTTP_PORT, default 8080).")
    var port: Int?

    @Option(name: .long, help: "Modules to run: web,booking,cdp,predictions,operations,maintenance,revenue,accounting,loyalty,ops-center or all (env SKYPORT_SERVICES, default all).")
    var services: String?

    func run() async throws {
        var extra: [String: String] = [:]
        if let host { extra["SKYPORT_HTTP_HOST"] = host }
        if let port { extra["SKYPORT_HTTP_PORT"] = String(port) }
        if let services { extra["SKYPORT_SERVICES"] = services }
        let configuration = try common.configuration(extra: extra)
        let logger = Logger(label: "skyport")
        logger.info("starting", metadata: ["database": "\(configuration.database)"])
        let runtime = try await SkyportRuntime.start(configuration, logger: logger)
        do {
            try await runtime.serve()
        } catch {
            await runtime.close()
            throw error
        }
        await runtime.close()
    }
}
