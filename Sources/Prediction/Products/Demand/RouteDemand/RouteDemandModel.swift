import Foundation
import Forecasting
import SkyportDomain
import SkyportStore

/// The route-demand product: seats flown per day on every route of the 2013 record (its proxy for passengers),
/// forecast per route by the method a rolling-origin backtest chose, with intervals and month totals; and the planning
/// view of every route's next weeks against its last.
public struct RouteDemandModel: ModelProduct {
    public static let name: ModelName = "demand"
    /// A univariate forecaster reads only the route's own past seats per day.
    public static let schema = FeatureSchema(version: "route-demand-v1", features: ["seats_flown_per_day"])
    static let unit = "seats_flown"
    let database: any Database
    let registry: ModelRegistry
    /// Resolves the version a request names (its series file is read by `serving`, not as boosters).
    let server: ModelServer
    let serving = RouteDemandServing()

    public init(database: any Database, registry: ModelRegistry) {
        self.database = database
        self.registry = registry
        server = ModelServer(name: Self.name, schema: Self.schema, roles: [RouteDemandArtifact.role], registry: registry)
    }

    public var name: ModelName { Self.name }
    public var summary: String {
        "Seats flown per day on each route (the 2013 record's proxy for passengers), forecast with intervals by the method a rolling-origin backtest chose for the route."
    }
    public var featureSchema: FeatureSchema { Self.schema }
    public var artifactRoles: [String] { [RouteDemandArtifact.role] }
    public var defaultLeadTimeMinutes: Int { 0 }

    public func trainingConfiguration(_ given: JSONDocument?) throws -> JSONDocument {
        let configuration = try given.map { try RequestJSON.decode(RouteDemandConfiguration.self, from: $0, field: "configuration") }
            ?? RouteDemandConfiguration()
        let problems = configuration.problems()
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        return try JSONDocument(configuration)
    }

    public func train(_ configuration: JSONDocument, progress: @escaping @Sendable (String) -> Void,
                      shouldStop: @escaping @Sendable () -> Bool) async throws -> ModelRegistry.Draft {
        let configuration = try configuration.decode(RouteDemandConfiguration.self)
        guard let period = configuration.period else { throw ValidationFailure(configuration.problems()) }
        let days = try await database.read { sql in
            try await HistoryStore.routeDays(from: configuration.firstDate, through: configuration.lastDate, on: sql)
        }
        let series = RouteSeries.build(from: days, first: period.first, last: period.last, minimumDays: configuration.minimumDays)
        return try await RouteDemandTrainer(series: series, shouldStop: shouldStop).train(configuration, progress: progress).draft
    }

    public func headline(of evaluation: JSONDocument) -> ModelHeadline? {
        guard let evaluation = try? evaluation.decode(RouteDemandEvaluation.self) else { return nil }
        func metric(_ name: String, _ value: (RouteDemandEvaluation.Errors) -> Double) -> ModelHeadline.Metric {
            .init(name: name, higherIsBetter: false, model: value(evaluation.model),
                  baselines: ["seasonal naive": value(evaluation.seasonalNaive), "weekday mean": value(evaluation.weekdayMean)])
        }
        var metrics = [metric("WAPE %", \.wape), metric("median route MAPE %", \.medianRouteMape), metric("mean MASE", \.meanMase),
                       metric("network total MAPE %", \.networkMape), metric("median error of the period's total %", \.medianPeriodTotalError)]
        if let coverage = evaluation.model.coverage {
            metrics.append(.init(name: "\(Int(evaluation.level * 100)) % interval coverage", higherIsBetter: true, model: coverage,
                                 baselines: ["seasonal naive": evaluation.seasonalNaive.coverage ?? 0]))
        }
        return ModelHeadline(testSet: "\(evaluation.routes) routes' seats flown per day, \(evaluation.testPeriod)", metrics: metrics)
    }

    public func report(of version: ModelVersion) -> String? {
        guard let e = try? version.evaluation?.decode(RouteDemandEvaluation.self) else { return nil }
        var lines = ["test: \(e.routes) routes' seats flown per day, \(e.testPeriod), forecast from \(e.trainPeriod)",
                     "                 WAPE %  route MAPE %  MASE   network MAPE %  period total %  coverage"]
        for (name, errors) in [("model", e.model), ("seasonal naive", e.seasonalNaive), ("weekday mean", e.weekdayMean)] {
            lines.append(name.padding(toLength: 15, withPad: " ", startingAt: 0) + String(format: " %6.2f  %12.2f  %5.3f  %14.2f  %14.2f  ", errors.wape, errors.medianRouteMape,
                                                                                    errors.meanMase, errors.networkMape, errors.medianPeriodTotalError)
                         + (errors.coverage.map { String(format: "%.0f %%", $0 * 100) } ?? "-"))
        }
        lines.append("methods chosen: " + e.methods.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        lines.append("worst routes (MAPE %, seasonal naive's): " + e.worstRoutes
            .map { "\($0.route) \(String(format: "%.1f", $0.mape)) (\(String(format: "%.1f", $0.seasonalNaiveMape)))" }.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }

    /// `POST /v1/predictions/demand`: `{"origin": "JFK", "destination": "LAX", "days": 28, "level": 0.95, "model": "champion"}`.
    public func predict(_ body: Data) async throws -> ServedPredictions {
        let request = try RequestJSON.decode(RouteDemandRequest.self, from: body)
        let (origin, destination) = try request.route()
        let days = try request.validDays(default: 28, maximum: 366), level = try request.validLevel()
        let (version, alias, artifact) = try await loaded(request.model)
        guard let route = artifact.routes.first(where: { $0.origin == origin && $0.destination == destination }) else {
            throw ServiceError(.notFound, code: .unknownRoute,
                               message: "Model \(version.version) has no series for \(origin)-\(destination): it forecasts the \(artifact.routes.count) routes flown on most days of its period.",
                               field: "destination")
        }
        let points = try await serving.forecast(route, version: version.id, days: days, level: level)
        return ServedPredictions(RouteDemandForecastBuilder(artifact: artifact, model: Self.reference(version, alias))
            .forecast(route, points: points, level: level), count: 1)
    }

    /// `POST /v1/predictions/demand/batch`, the planning view: `{"days": 28, "origin": "JFK", "level": 0.95, "model": "champion"}`
    /// (every route when `origin` is left out).
    public func predictBatch(_ body: Data) async throws -> ServedPredictions {
        let request = try RequestJSON.decode(RouteDemandRequest.self, from: body)
        let planning = try await planning(days: try request.validDays(default: 28, maximum: Self.planningDays.upperBound),
                                          origin: try request.validOrigin(), level: try request.validLevel(), model: request.model)
        return ServedPredictions(planning, count: planning.routes.count)
    }

    /// The days ahead a planning view may cover.
    public static let planningDays = 1...91

    /// The planning view's days and origin as a page's query gives them (a blank origin is every route), checked as
    /// the API checks them.
    public static func planningQuery(days: String?, origin: String?) throws -> (days: Int, origin: String?) {
        let request = RouteDemandRequest(origin: origin?.isEmpty == true ? nil : origin, destination: nil, days: days.map { Int($0) ?? 0 },
                                         level: nil, model: nil)
        return (try request.validDays(default: 28, maximum: planningDays.upperBound), try request.validOrigin())
    }

    /// The planning view: every route's (or `origin`'s routes') next `days` beside its last `days` in the record.
    public func planning(days: Int, origin: String? = nil, level: Double = 0.95, model reference: String? = nil) async throws -> RoutePlanning {
        let (version, alias, artifact) = try await loaded(reference)
        var forecasts: [(RouteDemandArtifact.Route, [ForecastPoint])] = []
        for route in artifact.routes where origin == nil || route.origin == origin {
            forecasts.append((route, try await serving.forecast(route, version: version.id, days: days, level: level)))
        }
        return RouteDemandForecastBuilder(artifact: artifact, model: Self.reference(version, alias)).planning(forecasts, days: days, level: level)
    }

    /// No traffic after the record's period is recorded here, so realized quality is empty; the held-out evaluation
    /// of each version is what measures it.
    public func outcomes(of subjects: [PredictionSubject], version: ModelVersion) async throws -> [PredictionSubject: Bool] { [:] }

    private func loaded(_ reference: String?) async throws -> (ModelVersion, String?, RouteDemandArtifact) {
        let (version, alias) = try await server.version(reference ?? "champion")
        let artifact = try await serving.artifact(of: version) {
            guard let bytes = try await registry.file(of: version, role: RouteDemandArtifact.role) else {
                throw ServiceError(.unavailable, code: .modelFileMissing, message: "Model \(version.version) has no \(RouteDemandArtifact.role) file.")
            }
            guard let artifact = try? JSONDecoder().decode(RouteDemandArtifact.self, from: bytes), artifact.isWellFormed else {
                throw ServiceError(.unavailable, code: .modelFileCorrupt, message: "The series file of demand model \(version.version) is not a set of route series.")
            }
            return artifact
        }
        return (version, alias, artifact)
    }

    static func reference(_ version: ModelVersion, _ alias: String?) -> DelayPrediction.Model {
        .init(name: name.rawValue, version: version.version, id: version.id, alias: alias)
    }
}
