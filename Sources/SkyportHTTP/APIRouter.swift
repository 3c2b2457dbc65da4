import Accounts
import Booking
import CommandCenter
import CustomerData
import Hummingbird
import Logging
import Operations
import Prediction
import SkyportDomain
import SkyportStore

/// Builds the router of the whole HTTP API.
public enum APIRouter {
    /// The ML platform's endpoints and what guards them.
    public struct MachineLearning: Sendable {
        let platform: PredictionPlatform
        let jobs: TrainingJobs
        let operators: OperatorTokens
        let now: @Sendable () -> Int64

        public init(platform: PredictionPlatform, jobs: TrainingJobs, operators: OperatorTokens, now: @escaping @Sendable () -> Int64) {
            self.platform = platform
            self.jobs = jobs
            self.operators = operators
            self.now = now
        }
    }

    /// The customer data platform's collection and its operator endpoints.
    public struct CustomerDataAPI: Sendable {
        let sources: EventSources
        let collector: EventCollector
        let profiles: ProfileDirectory
        let privacy: PrivacyService
        let processor: ProfileProcessor
        let segments: SegmentStore
        let personalization: PersonalizationController
        let operators: OperatorTokens
        /// Milliseconds since 1970, as events are stamped.
        let nowMilliseconds: @Sendable () -> Int64

        public init(sources: EventSources, collector: EventCollector, profiles: ProfileDirectory, privacy: PrivacyService,
                    processor: ProfileProcessor, segments: SegmentStore, personalization: PersonalizationController,
                    operators: OperatorTokens, nowMilliseconds: @escaping @Sendable () -> Int64) {
            self.sources = sources
            self.collector = collector
            self.profiles = profiles
            self.privacy = privacy
            self.processor = processor
            self.segments = segments
            self.personalization = personalization
            self.operators = operators
            self.nowMilliseconds = nowMilliseconds
        }
    }

    /// Operations: weather and disruptions.
    public struct OperationsAPI: Sendable {
        let platform: OperationsPlatform
        let operators: OperatorTokens

        public init(platform: OperationsPlatform, operators: OperatorTokens) {
            self.platform = platform
            self.operators = operators
        }
    }

    /// The command center's operator API.
    public struct CommandCenterAPI: Sendable {
        let center: CommandCenter
        let operators: OperatorTokens
        let now: @Sendable () -> Int64

        public init(center: CommandCenter, operators: OperatorTokens, now: @escaping @Sendable () -> Int64) {
            self.center = center
            self.operators = operators
            self.now = now
        }
    }

    /// The router of the API of the modules given (`booking` adds shopping, orders and cancellations; the
    /// other modules add theirs when their part is given). Health, metrics, airports and the API document are always there.
    /// `health` checks each module of this instance for `/health/ready`, given the database's health (default: none,
    /// only the database).
    public static func make(services: BookingServices, metrics: SkyportMetrics, logger: Logger, booking: Bool = true,
                            orderDisruptions: OperationsAPI? = nil,
                            health: (@Sendable (ModuleHealth) async -> [ServiceModule: ModuleHealth])? = nil,
                            machineLearning: MachineLearning? = nil, customerData: CustomerDataAPI? = nil,
                            operations: OperationsAPI? = nil, commandCenter: CommandCenterAPI? = nil,
                            trustedProxies: [IPAddressRange] = [], servedOverHTTPS: Bool = false) -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        if servedOverHTTPS { router.add(middleware: TransportSecurityMiddleware()) }
        router.add(middleware: ClientAddressMiddleware(trustedProxies: trustedProxies))
        router.add(middleware: ObservabilityMiddleware(metrics: metrics, logger: logger))
        router.add(middleware: MethodNotAllowedMiddleware())
        HealthController(database: services.database, metrics: metrics, modules: health ?? { _ in [:] }).register(on: router)
        OpenAPIController().register(on: router)
        // The site's airport search uses it too, so every instance answers it.
        AirportsController(network: services.network).register(on: router)
        if booking {
            OfferRequestsController(shopping: services.shopping, metrics: metrics).register(on: router)
            OrdersController(services: services, metrics: metrics, limiter: AttemptLimiter(database: services.database)).register(on: router)
            CancellationsController(services: services, metrics: metrics).register(on: router)
            // An order's disruptions and rebooking: the booking API's routes, over the operations library.
            if let orderDisruptions {
                OrderDisruptionsController(rebooking: orderDisruptions.platform.rebooking, notifications: orderDisruptions.platform.notifications,
                                           access: services.access).register(on: router)
            }
        }
        if let commandCenter {
            CommandCenterController(center: commandCenter.center, access: OperatorAccess(tokens: commandCenter.operators), now: commandCenter.now)
                .register(on: router)
        }
        if let customerData {
            CollectionController(sources: customerData.sources, collector: customerData.collector, now: customerData.nowMilliseconds)
                .register(on: router)
            let now = customerData.nowMilliseconds
            let access = OperatorAccess(tokens: customerData.operators)
            EventSourcesController(sources: customerData.sources, access: access, now: { now() / 1000 }).register(on: router)
            ProfilesController(directory: customerData.profiles, privacy: customerData.privacy, processor: customerData.processor, access: access)
                .register(on: router)
            SegmentsController(segments: customerData.segments, access: access).register(on: router)
            customerData.personalization.register(on: router)
        }
        if let machineLearning {
            let access = OperatorAccess(tokens: machineLearning.operators)
            PredictionsController(predictor: machineLearning.platform.predictor, access: access, metrics: metrics).register(on: router)
            ModelsController(platform: machineLearning.platform, jobs: machineLearning.jobs, access: access, now: machineLearning.now)
                .register(on: router)
        }
        if let operations {
            let access = OperatorAccess(tokens: operations.operators)
            WeatherController(weather: operations.platform.weather, access: access).register(on: router)
            DisruptionsController(disruptions: operations.platform.disruptions, access: access).register(on: router)
            NotificationsController(disruptions: operations.platform.disruptions, notifications: operations.platform.notifications,
                                    webhooks: operations.platform.webhooks, access: access).register(on: router)
        }
        return router
    }
}
