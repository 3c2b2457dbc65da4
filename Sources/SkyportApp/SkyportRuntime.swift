import Accounts
import Booking
import Foundation
import Hummingbird
import Logging
import CustomerData
import Prediction
import SkyportDomain
import SkyportHTTP
import SkyportStore
import SkyportWeb

/// Wires the live implementations: the database, the booking services and the HTTP application.
/// The only place that chooses concrete types.
public struct SkyportRuntime: Sendable {
    public let configuration: SkyportConfiguration
    public let database: any Database
    public let services: BookingServices
    public let clock: BookingClock
    public let payments: any PaymentProcessor
    public let metrics: SkyportMetrics
    public let logger: Logger
    /// The ML platform: model registry, delay predictions, monitoring.
    public let prediction: PredictionPlatform

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
        self.clock = clock
        self.payments = payments
        prediction = PredictionPlatform(database: database, modelDirectory: configuration.modelDirectory, logger: logger,
                                        now: { [clock] in Int64(clock.now.timeIntervalSince1970) })
        services = BookingServices(database: database, secret: try configuration.resolvedSecretKey(), payments: payments,
                                   accountingCode: configuration.accountingCode, clock: clock, logger: logger)
    }

    /// The HTTP application over these services (the JSON API and the web site), listening where the configuration says.
    public func application() async throws -> some ApplicationProtocol {
        let router = APIRouter.make(services: services, metrics: metrics, logger: logger, machineLearning: machineLearning,
                                    customerData: customerData)
        try await webSite().register(on: router)
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.httpHost, port: configuration.httpPort), serverName: "skyport"),
            onServerRunning: { [logger, configuration] _ in
                logger.notice("Skyport is serving on http://\(configuration.httpHost == "0.0.0.0" ? "localhost" : configuration.httpHost):\(configuration.httpPort)")
            },
            logger: logger)
    }

    /// The ML platform's HTTP surface: serving, registry, training jobs, monitoring (operator tokens guard it).
    public var machineLearning: APIRouter.MachineLearning {
        APIRouter.MachineLearning(platform: prediction, jobs: trainingJobs, operators: OperatorTokens(database: database), now: now)
    }

    /// Segment-compatible collection; events are stamped by the wall clock (what the client's clock is corrected against).
    public var customerData: APIRouter.CustomerDataAPI {
        APIRouter.CustomerDataAPI(sources: EventSources(database: database), collector: EventCollector(database: database),
                                  operators: OperatorTokens(database: database),
                                  nowMilliseconds: { Int64(Date().timeIntervalSince1970 * 1000) })
    }

    /// Training jobs run in this process, over the 2013 record.
    public var trainingJobs: TrainingJobs {
        TrainingJobs(database: database, registry: prediction.registry, source: prediction.history, logger: logger, now: now)
    }

    /// The clock in seconds since 1970, as the ML platform counts time.
    var now: @Sendable () -> Int64 { { [clock] in Int64(clock.now.timeIntervalSince1970) } }

    /// The customer web site over the booking services and customer accounts.
    public func webSite() async throws -> WebSite {
        let limiter = AttemptLimiter(database: database, now: { [clock] in clock.now })
        let accounts = AccountService(database: database, hasher: BcryptPasswordHasher(cost: UInt8(configuration.bcryptCost)),
                                            limiter: limiter, logger: logger, now: { [clock] in clock.now })
        let visits = VisitResolver(signer: Signer(secret: try configuration.resolvedSecretKey()), accounts: accounts,
                                   strings: try Strings.bundled(), secureCookies: configuration.secureCookies)
        // With the built-in test processor, the checkout documents its test cards.
        let renderer = try await PageRenderer.bundled(testMode: payments is TestPaymentProcessor)
        return WebSite(booking: services, accounts: accounts, visits: visits, renderer: renderer, limiter: limiter,
                       suggestions: PopularRoutes(network: services.network), clock: clock, logger: logger)
    }
}
