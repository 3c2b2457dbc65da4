import Hummingbird
import Prediction
import ServiceLifecycle
import SkyportDomain
import SkyportHTTP
import SkyportStore

/// The ML platform's HTTP surface: serving, the registry, training jobs and monitoring (operator tokens guard it).
struct PredictionsModule: SkyportModule {
    static let entry = ServiceCatalogue.Entry(.predictions, title: "Predictions")
    /// Its tables.
    static let migrations: [Migration] = PredictionSchema.migrations
    let runtime: SkyportRuntime

    init(runtime: SkyportRuntime) {
        self.runtime = runtime
    }

    func routes() -> RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        let access = OperatorAccess(tokens: runtime.operatorTokens), platform = runtime.prediction
        PredictionsController(catalog: platform.catalog, access: access, metrics: runtime.metrics).register(on: routes)
        ModelsController(platform: platform, jobs: runtime.trainingJobs, access: access, now: runtime.now).register(on: routes)
        ForecastsController(access: access).register(on: routes)
        return routes
    }

    /// The training jobs, taken one at a time by this instance.
    var services: [any Service] {
        let jobs = runtime.trainingJobs
        return [BackgroundService("training jobs") { await jobs.run() }]
    }

    func health() async -> ModuleHealth {
        await runtime.championDelayModel()
    }
}
