import Accounts
import Booking
import CommandCenter
import Foundation
import Hummingbird
import Logging
import Loyalty
import CustomerData
import Operations
import Prediction
import ServiceLifecycle
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
    /// The loyalty programme over this database, with the rules read when the runtime was made.
    public let loyalty: LoyaltyProgrammeService
    /// The loyalty programme's processor: payments from members' miles.
    public let milesPayments: MilesPaymentProcessor
    public let metrics: SkyportMetrics
    public let logger: Logger
    /// The ML platform: model registry, delay predictions, monitoring.
    public let prediction: PredictionPlatform
    /// Erased people, checked at collection (one list per process, refreshed from the database).
    public let suppressions: SuppressionList
    /// Weather, disruptions and the engine that watches the departures ahead.
    public let operations: OperationsPlatform
    /// Request figures and health of every instance, business figures, alerts and objectives.
    public let commandCenter: CommandCenter
    /// This process, as the instance lists and leases name it.
    public let instance: String
    /// The disruption levels and how the engine watches departures.
    public let disruptionPolicy: DisruptionPolicy

    /// Opens the database, applies migrations and builds the services.
    public static func start(_ configuration: SkyportConfiguration, logger: Logger,
                             payments: any PaymentProcessor = TestPaymentProcessor(), clock: BookingClock = BookingClock()) async throws -> SkyportRuntime {
        let database = try await open(configuration, logger: logger)
        do {
            try await SkyportModules.migrator(logger: logger).migrate(database)
            return try SkyportRuntime(configuration: configuration, database: database, payments: payments, clock: clock, logger: logger)
        } catch {
            await database.close()
            throw error
        }
    }

    /// Writes what the prediction log still holds and closes the database: the last thing a command does.
    public func close() async {
        try? await prediction.log.flush()
        await database.close()
    }

    /// Opens the configured database without migrating it.
    public static func open(_ configuration: SkyportConfiguration, logger: Logger) async throws -> any Database {
        switch configuration.database {
        case .sqlite(let path):
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            return try await SQLiteStore.open(path: path, durability: configuration.sqliteDurability, logger: logger)
        case .postgres(let url):
            // One connection first, so that a refused certificate or password stops the start with its reason.
            _ = try await PostgresStore.checkConnection(url: url, logger: logger)
            return try PostgresStore(url: url, logger: logger)
        }
    }

    /// `modelProducts` join the ML platform's built-in products (an airline's own, or a test's).
    public init(configuration: SkyportConfiguration, database: any Database, payments: any PaymentProcessor,
                clock: BookingClock, logger: Logger, modelProducts: [any ModelProduct] = []) throws {
        self.configuration = configuration
        self.database = database
        let instance = Identifier.make(prefix: "inst", length: 12)
        self.instance = instance
        self.logger = logger
        self.clock = clock
        self.payments = payments
        prediction = PredictionPlatform(database: database, modelDirectory: configuration.modelDirectory,
                                        schedule: ScheduleDepartureSource(database: database), instance: instance, logger: logger,
                                        additionalProducts: modelProducts, now: { [clock] in Int64(clock.now.timeIntervalSince1970) })
        suppressions = SuppressionList(database: database)
        let seconds: @Sendable () -> Int64 = { [clock] in Int64(clock.now.timeIntervalSince1970) }
        let loyalty = LoyaltyProgrammeService(database: database, programme: try Self.loyaltyProgramme(configuration), now: seconds)
        self.loyalty = loyalty
        milesPayments = MilesPaymentProcessor(database: database, now: seconds)
        services = BookingServices(database: database, secret: try configuration.resolvedSecretKey(), payments: payments,
                                   accountingCode: configuration.accountingCode, clock: clock, logger: logger, miles: milesPayments,
                                   loyalty: loyalty.programme, benefits: loyalty)
        let policy = try configuration.disruptionPolicyPath.map(OperationsPlatform.policy(at:)) ?? .standard
        disruptionPolicy = policy
        let destinations = WebhookDestinations(allowed: configuration.webhookAllowedAddresses)
        var channels: [any NotificationChannel] = [WebhookChannel(database: database, destinations: destinations)]
        if let relay = configuration.smtpRelay {
            channels.append(EmailChannel(client: SMTPClient(relay: relay), from: configuration.smtpFrom))
        }
        operations = OperationsPlatform(
            database: database, prediction: prediction, booking: services, policy: policy,
            settings: NotificationSettings(publicURL: configuration.publicURL, holdMinutes: configuration.holdMinutes,
                                           webhookDestinations: destinations),
            channels: channels, templates: try MessageTemplates.bundled(), instance: instance,
            logger: logger, now: { [clock] in Int64(clock.now.timeIntervalSince1970) })
        commandCenter = CommandCenter(
            database: database, configuration: try configuration.monitoringConfigPath.map(Self.monitoring(at:)) ?? MonitoringConfiguration(alerts: [], slos: []),
            prediction: prediction, operations: operations, catalogue: SkyportModules.catalogue, instance: instance, webhook: configuration.alertWebhook, publicURL: configuration.publicURL,
            logger: logger, now: { [clock] in Int64(clock.now.timeIntervalSince1970) })
        metrics = SkyportMetrics(traffic: commandCenter.recorder)
    }

    /// Reads the command center's rules and objectives; the error lists every problem.
    public static func monitoring(at path: String) throws -> MonitoringConfiguration {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigurationError("SKYPORT_MONITORING_CONFIG: \(path) cannot be read")
        }
        do {
            return try MonitoringConfiguration.decode(data, latencyBounds: LatencyHistogram.standardBounds, modules: SkyportModules.catalogue)
        } catch {
            throw ConfigurationError("\(path): \(error)")
        }
    }

    /// The modules `services` names (default: the configuration's), built over this runtime, in catalogue order.
    public func modules(_ services: Set<ServiceModule>? = nil) async throws -> [any SkyportModule] {
        var modules: [any SkyportModule] = []
        for type in SkyportModules.types(for: services ?? configuration.services) {
            modules.append(try await type.init(runtime: self))
        }
        return modules
    }

    /// The router of `modules`: the platform's routes, then each module's under its name, then what answers
    /// requests that no route matches.
    public func router(for modules: [any SkyportModule]) throws -> Router<AppRequestContext> {
        let router = APIRouter.make(metrics: metrics, logger: logger, trustedProxies: configuration.trustedProxies,
                                    servedOverHTTPS: configuration.secureCookies)
        APIRouter.mountPlatformRoutes(on: router, database: database, metrics: metrics, network: services.network,
                                      health: { [self] database in await health(of: modules, database: database) })
        for module in modules {
            APIRouter.mount(try module.routes(), as: type(of: module).entry.module, on: router)
        }
        for middleware in modules.flatMap(\.unmatchedRequestMiddleware) {
            router.add(middleware: middleware)
        }
        // Innermost, so that it sees a path no route has as the 404 error it serves a file for (an outer error page
        // would already have turned it into a response).
        if let folder = configuration.publicDirectory {
            router.add(middleware: PublicFolderGuard())
            router.add(middleware: FileMiddleware<AppRequestContext, LocalFileSystem>(folder.path, urlBasePath: "/public", searchForIndexHtml: false, logger: logger))
        }
        return router
    }

    /// Which background work runs beside the server.
    public enum BackgroundWork: Sendable {
        /// None: the routes only.
        case none
        /// Every served module's loops and this instance's heartbeat (`serve`).
        case all
        /// These modules' loops only (a test that trains through the API runs the training jobs).
        case only(Set<ServiceModule>)
    }

    /// The HTTP application of this instance's modules, listening where the configuration says, with `background`
    /// run beside the server and drained at shutdown.
    public func application(background: BackgroundWork = .none) async throws -> some ApplicationProtocol {
        let modules = try await modules()
        let services: [any Service]
        switch background {
        case .none: services = []
        case .all: services = backgroundServices(of: modules)
        case .only(let names): services = modules.filter { names.contains(type(of: $0).entry.module) }.flatMap(\.services)
        }
        return Application(
            router: try router(for: modules),
            server: .http1(configuration: .init(additionalChannelHandlers: [UnreadableRequestAnswer()])),
            configuration: .init(address: .hostname(configuration.httpHost, port: configuration.httpPort), serverName: "skyport"),
            services: services,
            onServerRunning: { [logger, configuration] _ in
                logger.notice("Skyport is serving on http://\(configuration.httpHost == "0.0.0.0" ? "localhost" : configuration.httpHost):\(configuration.httpPort)")
            },
            logger: logger)
    }

    /// Operator tokens, shared by every operator API and the command center's sign-in.
    public var operatorTokens: OperatorTokens { OperatorTokens(database: database) }

    /// Failed sign-ins and look-ups per client, counted in the database (shared by every instance).
    var limiter: AttemptLimiter { AttemptLimiter(database: database, now: { [clock] in clock.now }) }

    /// Customer accounts with the configured bcrypt cost, over the shared attempt limiter.
    public var customerAccounts: AccountService { accounts(limiter: limiter) }

    /// Customer accounts with the configured bcrypt cost.
    func accounts(limiter: AttemptLimiter) -> AccountService {
        AccountService(database: database, hasher: BcryptPasswordHasher(cost: UInt8(configuration.bcryptCost)), limiter: limiter,
                       logger: logger, now: { [clock] in clock.now })
    }

    /// Milliseconds since 1970 by the wall clock: what event times and the client's clock are corrected against.
    var nowMilliseconds: @Sendable () -> Int64 { { Int64(Date().timeIntervalSince1970 * 1000) } }

    /// Serves HTTP and runs the background work of the configured modules until SIGTERM or SIGINT. All of it runs
    /// in the application's `ServiceGroup`: on a signal the server stops taking requests, then each loop finishes the
    /// item in hand and stops; a loop that ends on its own stops the process.
    public func serve() async throws {
        let served = SkyportModules.catalogue.ordered(configuration.services)
        logger.notice("serving \(served.map(\.rawValue).joined(separator: ","))", metadata: ["module": "platform", "instance": "\(instance)"])
        try await application(background: .all).runService()
    }

    /// The modules' background loops, and this instance's request figures and health for the command center.
    func backgroundServices(of modules: [any SkyportModule]) -> [any Service] {
        let center = commandCenter, services = configuration.services
        let heartbeat = BackgroundService("instance heartbeat") { [self] in
            await center.runInstance(services: services, host: ProcessInfo.processInfo.hostName,
                                     health: { await health(of: modules) })
        }
        return modules.flatMap(\.services) + [heartbeat]
    }

    /// Each module of this instance, for `/health/ready` and the command center: not ready when the database does
    /// not answer; otherwise what the module says of itself. `database` is the database's health when the caller has
    /// just checked it.
    public func health(of modules: [any SkyportModule], database checked: ModuleHealth? = nil) async -> [ServiceModule: ModuleHealth] {
        let databaseHealth: ModuleHealth
        if let checked { databaseHealth = checked } else { databaseHealth = await DatabaseHealth.check(database) }
        var health: [ServiceModule: ModuleHealth] = [:]
        for module in modules {
            health[type(of: module).entry.module] = databaseHealth.isServing ? await module.health() : databaseHealth
        }
        return health
    }

    /// The health of each module of this instance, the modules built for the question; a module that cannot be
    /// built is not ready, with the reason.
    public func moduleHealth() async -> [ServiceModule: ModuleHealth] {
        do {
            return await health(of: try await modules())
        } catch {
            return Dictionary(uniqueKeysWithValues: configuration.services.map { ($0, ModuleHealth(.notReady, "\(error)")) })
        }
    }

    /// The clock in seconds since 1970, as the ML platform counts time.
    public var now: @Sendable () -> Int64 { { [clock] in Int64(clock.now.timeIntervalSince1970) } }
}
