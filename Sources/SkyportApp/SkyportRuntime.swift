import Accounts
import Booking
import CommandCenter
import Foundation
import Hummingbird
import Logging
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
            try await Migrator(logger: logger).migrate(database)
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

    public init(configuration: SkyportConfiguration, database: any Database, payments: any PaymentProcessor,
                clock: BookingClock, logger: Logger) throws {
        self.configuration = configuration
        self.database = database
        let instance = Identifier.make(prefix: "inst", length: 12)
        self.instance = instance
        self.logger = logger
        self.clock = clock
        self.payments = payments
        prediction = PredictionPlatform(database: database, modelDirectory: configuration.modelDirectory, logger: logger,
                                        now: { [clock] in Int64(clock.now.timeIntervalSince1970) })
        suppressions = SuppressionList(database: database)
        services = BookingServices(database: database, secret: try configuration.resolvedSecretKey(), payments: payments,
                                   accountingCode: configuration.accountingCode, clock: clock, logger: logger)
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
            prediction: prediction, operations: operations, instance: instance, webhook: configuration.alertWebhook, publicURL: configuration.publicURL,
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
            return try MonitoringConfiguration.decode(data, latencyBounds: LatencyHistogram.standardBounds)
        } catch {
            throw ConfigurationError("\(path): \(error)")
        }
    }

    /// The HTTP application over these services (the JSON API and the web site), listening where the configuration
    /// says, with `background` (loops) run and shut down beside the server.
    public func application(background: [any Service] = []) async throws -> some ApplicationProtocol {
        let modules = configuration.services
        let router = APIRouter.make(
            services: services, metrics: metrics, logger: logger, booking: modules.contains(.booking), orderDisruptions: operationsAPI,
            health: { [self] database in await moduleHealth(database: database) },
            machineLearning: modules.contains(.predictions) ? machineLearning : nil, customerData: modules.contains(.cdp) ? customerData : nil,
            operations: modules.contains(.operations) ? operationsAPI : nil,
            commandCenter: modules.contains(.opsCenter) ? commandCenterAPI : nil, trustedProxies: configuration.trustedProxies,
            servedOverHTTPS: configuration.secureCookies)
        if modules.contains(.opsCenter) {
            try opsCenterSite().register(on: router)
        }
        if modules.contains(.web) {
            try await webSite().register(on: router)
        }
        return Application(
            router: router,
            server: .http1(configuration: .init(additionalChannelHandlers: [UnreadableRequestAnswer()])),
            configuration: .init(address: .hostname(configuration.httpHost, port: configuration.httpPort), serverName: "skyport"),
            services: background,
            onServerRunning: { [logger, configuration] _ in
                logger.notice("Skyport is serving on http://\(configuration.httpHost == "0.0.0.0" ? "localhost" : configuration.httpHost):\(configuration.httpPort)")
            },
            logger: logger)
    }

    /// The ML platform's HTTP surface: serving, registry, training jobs, monitoring (operator tokens guard it).
    public var machineLearning: APIRouter.MachineLearning {
        APIRouter.MachineLearning(platform: prediction, jobs: trainingJobs, operators: OperatorTokens(database: database), now: now)
    }

    /// Operations' HTTP surface: weather (ingestion for operators, reads for everyone) and disruptions (operators).
    public var operationsAPI: APIRouter.OperationsAPI {
        APIRouter.OperationsAPI(platform: operations, operators: OperatorTokens(database: database))
    }

    /// The command center's operator API.
    public var commandCenterAPI: APIRouter.CommandCenterAPI {
        APIRouter.CommandCenterAPI(center: commandCenter, operators: OperatorTokens(database: database), now: now)
    }

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

    /// The customer data platform: Segment-compatible collection, profiles, segments, privacy and personalization.
    public var customerData: APIRouter.CustomerDataAPI {
        let now = nowMilliseconds
        let accounts = accounts(limiter: limiter)
        let personalization = PersonalizationController(
            personalization: personalization, customerOfSession: { try await accounts.session(token: $0)?.customer.id },
            today: { [clock] in WallClock.utc.localDate(of: clock.now).iso })
        return APIRouter.CustomerDataAPI(
            sources: EventSources(database: database), collector: EventCollector(database: database, suppressions: suppressions),
            profiles: ProfileDirectory(database: database, now: now),
            privacy: PrivacyService(database: database, suppressions: suppressions, now: now),
            processor: profileProcessor, segments: SegmentStore(database: database, now: now), personalization: personalization,
            operators: OperatorTokens(database: database), nowMilliseconds: now)
    }

    /// Recommendations from profiles, priced by the booking engine.
    public var personalization: Personalization {
        Personalization(database: database, fares: BookingFareQuotes(shopping: services.shopping),
                        popular: BookingPopularDestinations(database: database, now: now), now: nowMilliseconds)
    }

    /// Turns collected events into profiles (run by `serve` in the background).
    public var profileProcessor: ProfileProcessor {
        ProfileProcessor(database: database, logger: logger, now: nowMilliseconds)
    }

    /// Feeds the booking engine's orders and cancellations to the customer data platform (run by `serve`).
    public var bookingEventRelay: BookingEventRelay {
        BookingEventRelay(database: database, logger: logger, now: nowMilliseconds)
    }

    /// Serves HTTP and runs the background work of the configured modules until SIGTERM or SIGINT: profiles
    /// and the booking events relay (cdp), the disruption engine and the notification worker (operations), the
    /// figures and alerts (ops-center), and on every instance its request figures and health for the command center.
    /// All of it runs in the application's `ServiceGroup`: on a signal the server stops taking requests, then each
    /// loop finishes the item in hand and stops; a loop that ends on its own stops the process.
    public func serve() async throws {
        let modules = configuration.services
        logger.notice("serving \(modules.sorted().map(\.rawValue).joined(separator: ","))", metadata: ["module": "platform", "instance": "\(instance)"])
        try await application(background: backgroundServices()).runService()
    }

    /// The background loops of this instance's modules, as services.
    func backgroundServices() -> [any Service] {
        let modules = configuration.services
        var services: [any Service] = []
        if modules.contains(.cdp), configuration.buildsProfiles {
            let processor = profileProcessor, relay = bookingEventRelay
            services.append(BackgroundService("customer profiles") { await processor.run() })
            services.append(BackgroundService("booking events to the customer data platform") { await relay.run() })
        }
        if modules.contains(.operations) {
            let engine = operations.engine, worker = operations.worker
            if configuration.runsDisruptionEngine {
                services.append(BackgroundService("disruption engine") { await engine.run() })
            }
            services.append(BackgroundService("notification worker") { await worker.run() })
        }
        let center = commandCenter, metrics = self.metrics
        if modules.contains(.opsCenter) {
            let levels = disruptionPolicy.levels.map(\.name) + [DisruptionPolicy.cancelledLevel]
            services.append(BackgroundService("command center evaluations") {
                await center.runEvaluations { figures, readiness in metrics.publish(figures, readiness: readiness, disruptionLevels: levels) }
            })
        }
        services.append(BackgroundService("instance heartbeat") { [self] in
            await center.runInstance(services: modules, host: ProcessInfo.processInfo.hostName, health: { await moduleHealth() })
        })
        return services
    }

    /// Each module of this instance, for `/health/ready` and the command center: not ready when the database does
    /// not answer; degraded when it serves but lacks something (no schedule on sale, no champion model, no figures yet).
    /// `database` is the database's health when the caller has just checked it.
    public func moduleHealth(database checked: ModuleHealth? = nil) async -> [ServiceModule: ModuleHealth] {
        let modules = configuration.services
        let databaseHealth: ModuleHealth
        if let checked { databaseHealth = checked } else { databaseHealth = await DatabaseHealth.check(database) }
        guard databaseHealth.isServing else { return Dictionary(uniqueKeysWithValues: modules.map { ($0, databaseHealth) }) }
        let onSale = (try? await services.network.current().lastScheduledDate) != nil
        let champion = (try? await prediction.registry.resolve("delay", "champion")) != nil
        var health: [ServiceModule: ModuleHealth] = [:]
        for module in modules {
            switch module {
            case .web, .booking: health[module] = onSale ? ModuleHealth(.ready) : ModuleHealth(.degraded, "no schedule on sale: run skyport data import")
            case .cdp: health[module] = ModuleHealth(.ready)
            case .predictions, .operations:
                health[module] = champion ? ModuleHealth(.ready) : ModuleHealth(.degraded, "no champion delay model: run skyport train delay --promote champion")
            case .opsCenter:
                let measured = commandCenter.figures.map { now() - $0.measuredAt <= 120 } ?? false
                health[module] = measured ? ModuleHealth(.ready) : ModuleHealth(.degraded, "figures not measured in the last 2 minutes")
            }
        }
        return health
    }

    /// The browser's cookies, language and anti-forgery tokens, for the customer pages and the command center's.
    func visitResolver(signer: Signer, limiter: AttemptLimiter) throws -> VisitResolver {
        VisitResolver(signer: signer, accounts: accounts(limiter: limiter), strings: try Strings.bundled(), secureCookies: configuration.secureCookies)
    }

    /// The command center's pages (operators sign in with their token).
    public func opsCenterSite() throws -> OpsCenterSite {
        let limiter = self.limiter
        let signer = Signer(secret: try configuration.resolvedSecretKey())
        return try OpsCenterSite(center: commandCenter, operators: OperatorTokens(database: database),
                                 visits: try visitResolver(signer: signer, limiter: limiter), signer: signer,
                                 limiter: limiter, secureCookies: configuration.secureCookies, now: now)
    }

    /// Training jobs run in this process, over the 2013 record.
    public var trainingJobs: TrainingJobs {
        TrainingJobs(database: database, registry: prediction.registry, source: prediction.history, logger: logger, now: now)
    }

    /// The clock in seconds since 1970, as the ML platform counts time.
    public var now: @Sendable () -> Int64 { { [clock] in Int64(clock.now.timeIntervalSince1970) } }

    /// Where the site's own email goes: the SMTP relay; without one, the log on a local HTTP site, nowhere over HTTPS.
    var siteMailer: any SiteMailer {
        if let relay = configuration.smtpRelay {
            return SMTPSiteMailer(client: SMTPClient(relay: relay), from: configuration.smtpFrom, now: { [clock] in clock.now })
        }
        return configuration.secureCookies ? UnsentSiteMailer() : LoggedSiteMailer(logger: logger)
    }

    /// The customer web site over the booking services and customer accounts.
    public func webSite() async throws -> WebSite {
        let limiter = self.limiter
        let accounts = accounts(limiter: limiter)
        let visits = try visitResolver(signer: Signer(secret: try configuration.resolvedSecretKey()), limiter: limiter)
        // With the built-in test processor, the checkout documents its test cards.
        let sources = EventSources(database: database)
        let analyticsKey = try await sources.webSite(now: nowMilliseconds()).writeKey
        let renderer = try await PageRenderer.bundled(testMode: payments is TestPaymentProcessor, analyticsKey: analyticsKey)
        let suggestions = PersonalizedSuggestions(personalization: personalization, network: services.network,
                                                  fallback: PopularRoutes(network: services.network))
        let visitorEvents = ServerSideVisitorEvents(collector: EventCollector(database: database, suppressions: suppressions),
                                                    logger: logger, now: nowMilliseconds)
        return WebSite(booking: services, accounts: accounts, accountMail: AccountMail(mailer: siteMailer, publicURL: configuration.publicURL),
                       visits: visits, renderer: renderer, limiter: limiter,
                       suggestions: suggestions, visitorEvents: visitorEvents,
                       operations: SiteOperations(rebooking: operations.rebooking, messages: operations.notifications),
                       clock: clock, logger: logger)
    }
}
