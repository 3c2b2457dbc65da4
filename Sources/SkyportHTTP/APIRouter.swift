import Accounts
import Booking
import CustomerData
import Hummingbird
import Logging
import Operations
import Prediction

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

    public static func make(services: BookingServices, metrics: SkyportMetrics, logger: Logger,
                            machineLearning: MachineLearning? = nil, customerData: CustomerDataAPI? = nil,
                            operations: OperationsAPI? = nil) -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: ObservabilityMiddleware(metrics: metrics, logger: logger))
        HealthController(database: services.database, metrics: metrics).register(on: router)
        OpenAPIController().register(on: router)
        AirportsController(network: services.network).register(on: router)
        OfferRequestsController(shopping: services.shopping, metrics: metrics).register(on: router)
        OrdersController(services: services, metrics: metrics).register(on: router)
        CancellationsController(services: services, metrics: metrics).register(on: router)
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
            OrderDisruptionsController(rebooking: operations.platform.rebooking, notifications: operations.platform.notifications,
                                       access: services.access).register(on: router)
        }
        return router
    }
}
