import Accounts
import Booking
import Hummingbird
import Logging
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

    public static func make(services: BookingServices, metrics: SkyportMetrics, logger: Logger,
                            machineLearning: MachineLearning? = nil) -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: ObservabilityMiddleware(metrics: metrics, logger: logger))
        HealthController(database: services.database, metrics: metrics).register(on: router)
        OpenAPIController().register(on: router)
        AirportsController(network: services.network).register(on: router)
        OfferRequestsController(shopping: services.shopping, metrics: metrics).register(on: router)
        OrdersController(services: services, metrics: metrics).register(on: router)
        CancellationsController(services: services, metrics: metrics).register(on: router)
        if let machineLearning {
            let access = OperatorAccess(tokens: machineLearning.operators)
            PredictionsController(predictor: machineLearning.platform.predictor, access: access, metrics: metrics).register(on: router)
            ModelsController(platform: machineLearning.platform, jobs: machineLearning.jobs, access: access, now: machineLearning.now)
                .register(on: router)
        }
        return router
    }
}
