import Booking
import Foundation
import Hummingbird
import Logging
import SkyportDomain
import SkyportHTTP
import SkyportStore

/// Wires the live implementations: the database, the booking services and the HTTP application.
/// The only place that chooses concrete types.
public struct SkyportRuntime: Sendable {
    public let configuration: SkyportConfiguration
    public let database: any Database
    public let services: BookingServices
    public let metrics: SkyportMetrics
    public let logger: Logger

    /// Opens the database, applies migrations and builds the services.
    public static func start(_ configuration: SkyportConfiguration, logger: Logger,
                             payments: any PaymentProcessor = TestPaymentProcessor(), clock: BookingClock = BookingClock()) async throws -> SkyportRuntime {
        let database = try await open(configuration, logger: logger)
        do {
            try await Migrator(logger: logger).migrate(database)
            return try SkyportRuntime(configuration: configuration, database: database, payments: payments, clock: clock, logger: logger)
        } catch {
            await database.close()
            throw error
        }
    }

    /// Opens the configured database without migrating it.
    public static func open(_ configuration: SkyportConfiguration, logger: Logger) async throws -> any Database {
        switch configuration.database {
        case .sqlite(let path):
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            return try await SQLiteStore.open(path: path, durability: configuration.sqliteDurability, logger: logger)
        case .postgres(let url):
            return try PostgresStore(url: url, logger: logger)
        }
    }

    public init(configuration: SkyportConfiguration, database: any Database, payments: any PaymentProcessor,
                clock: BookingClock, logger: Logger) throws {
        self.configuration = configuration
        self.database = database
        self.logger = logger
        metrics = SkyportMetrics()
        services = BookingServices(database: database, secret: try configuration.resolvedSecretKey(), payments: payments,
                                   accountingCode: configuration.accountingCode, clock: clock, logger: logger)
    }

    /// The HTTP application over these services, listening where the configuration says.
    public func application() -> some ApplicationProtocol {
        let router = APIRouter.make(services: services, metrics: metrics, logger: logger)
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.httpHost, port: configuration.httpPort), serverName: "skyport"),
            onServerRunning: { [logger, configuration] _ in
                logger.notice("Skyport is serving on http://\(configuration.httpHost == "0.0.0.0" ? "localhost" : configuration.httpHost):\(configuration.httpPort)")
            },
            logger: logger)
    }
}
