import Crypto
import Foundation
import Forecasting
import NIOCore
import NIOPosix
import SkyportDomain
import SkyportStore

/// Trains the route-demand product: for every route, the automatic forecaster chooses a method by a rolling-origin
/// backtest on the training days only and forecasts the held-out last days, beside seasonal naive and the weekday
/// mean; then each route's method is chosen again on all its days for the version that serves.
public struct RouteDemandTrainer: Sendable {
    let series: [RouteSeries]
    let shouldStop: @Sendable () -> Bool

    public init(series: [RouteSeries], shouldStop: @escaping @Sendable () -> Bool = { false }) {
        self.series = series
        self.shouldStop = shouldStop
    }

    public struct Result: Sendable {
        public let draft: ModelRegistry.Draft
        public let evaluation: RouteDemandEvaluation
    }

    /// One route's held-out forecasts and the method chosen on all its days.
    struct RouteOutcome: Sendable {
        let series: RouteSeries
        let testMethod: ForecastMethod
        let model: [ForecastPoint]
        let seasonalNaive: [ForecastPoint]
        let weekdayMean: [ForecastPoint]
        let servingMethod: ForecastMethod
    }

    public func train(_ configuration: RouteDemandConfiguration, progress: @escaping @Sendable (String) -> Void) async throws -> Result {
        let started = Date()
        let routes = configuration.maximumRoutes > 0 ? Array(series.prefix(configuration.maximumRoutes)) : series
        guard let first = routes.first, first.seats.count >= configuration.testDays + 70 else {
            throw ServiceError(.invalid, code: .notEnoughData,
                               message: "No route was flown on \(configuration.minimumDays) days of \(configuration.firstDate) to \(configuration.lastDate) with \(configuration.testDays + 70) days to learn from. Has `skyport data import` run?")
        }
        progress("\(routes.count) routes, \(first.seats.count) days each; the last \(configuration.testDays) held out")
        var outcomes: [RouteOutcome] = []
        try await withThrowingTaskGroup(of: RouteOutcome.self) { group in
            var next = 0
            func start() {
                let route = routes[next], testDays = configuration.testDays, level = configuration.level
                group.addTask { try await NIOThreadPool.singleton.runIfActive { try Self.forecast(route, testDays: testDays, level: level) } }
                next += 1
            }
            for _ in 0..<min(System.coreCount, routes.count) { start() }
            while let outcome = try await group.next() {
                outcomes.append(outcome)
                if outcomes.count % 10 == 0 || outcomes.count == routes.count { progress("\(outcomes.count) of \(routes.count) routes forecast") }
                if shouldStop() { group.cancelAll(); throw TrainingStopped() }
                if next < routes.count { start() }
            }
        }
        outcomes.sort { $0.series.seats.reduce(0, +) > $1.series.seats.reduce(0, +) }
        let evaluation = Self.evaluate(outcomes, configuration: configuration, seconds: Date().timeIntervalSince(started))
        progress(String(format: "held out: WAPE %.2f %% (seasonal naive %.2f %%, weekday mean %.2f %%)",
                        evaluation.model.wape, evaluation.seasonalNaive.wape, evaluation.weekdayMean.wape))
        return Result(draft: try draft(outcomes, evaluation: evaluation, configuration: configuration), evaluation: evaluation)
    }

    static let forecaster = AutomaticForecaster(seasonLength: 7)

    /// The held-out forecasts of one route, and the method for serving.
    static func forecast(_ route: RouteSeries, testDays: Int, level: Double) throws -> RouteOutcome {
        let training = Array(route.seats.dropLast(testDays))
        let chosen = try forecaster.forecast(training, horizon: testDays, level: level)
        let naive = try ForecastMethod.seasonalNaive.fit(training, seasonLength: 7).forecast(horizon: testDays, level: level)
        let lastFourWeeks = training.suffix(28)
        let weekdayMean = (0..<testDays).map { step -> ForecastPoint in
            let sameWeekday = lastFourWeeks.enumerated().filter { ($0.offset - step) % 7 == 0 }.map(\.element)
            let mean = sameWeekday.reduce(0, +) / Double(max(1, sameWeekday.count))
            return ForecastPoint(value: mean, lower: mean, upper: mean)
        }
        let serving = try forecaster.forecast(route.seats, horizon: testDays, level: level).method
        return RouteOutcome(series: route, testMethod: chosen.method, model: chosen.points.seats, seasonalNaive: naive.seats, weekdayMean: weekdayMean,
                            servingMethod: serving)
    }

    static func evaluate(_ outcomes: [RouteOutcome], configuration: RouteDemandConfiguration, seconds: Double) -> RouteDemandEvaluation {
        var model = RouteErrorTally(hasIntervals: true), naive = RouteErrorTally(hasIntervals: true), weekday = RouteErrorTally(hasIntervals: false)
        var worst: [RouteDemandEvaluation.RouteError] = []
        for outcome in outcomes {
            let training = Array(outcome.series.seats.dropLast(configuration.testDays)), actual = Array(outcome.series.seats.suffix(configuration.testDays))
            let modelMape = model.add(actual: actual, forecast: outcome.model, training: training)
            let naiveMape = naive.add(actual: actual, forecast: outcome.seasonalNaive, training: training)
            weekday.add(actual: actual, forecast: outcome.weekdayMean, training: training)
            if let mape = modelMape, let naiveMape {
                worst.append(.init(route: outcome.series.route, method: outcome.testMethod.rawValue, mape: mape, seasonalNaiveMape: naiveMape))
            }
        }
        let first = outcomes.first!.series, testStart = first.lastDate.adding(days: 1 - configuration.testDays)
        return RouteDemandEvaluation(
            trainPeriod: "\(first.firstDate.iso) to \(testStart.adding(days: -1).iso)", testPeriod: "\(testStart.iso) to \(first.lastDate.iso)",
            routes: outcomes.count, level: configuration.level, model: model.errors, seasonalNaive: naive.errors, weekdayMean: weekday.errors,
            methods: Dictionary(grouping: outcomes, by: \.testMethod.rawValue).mapValues(\.count),
            worstRoutes: Array(worst.sorted { $0.mape > $1.mape }.prefix(5)), seconds: seconds)
    }

    private func draft(_ outcomes: [RouteOutcome], evaluation: RouteDemandEvaluation, configuration: RouteDemandConfiguration) throws -> ModelRegistry.Draft {
        let first = outcomes[0].series
        let artifact = RouteDemandArtifact(firstDate: first.firstDate.iso, routes: outcomes.map {
            .init(origin: $0.series.origin, destination: $0.series.destination, method: $0.servingMethod, seats: $0.series.seats,
                  departures: $0.series.departures, imputedShare: $0.series.imputedShare)
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let file = try encoder.encode(artifact)
        var draft = ModelRegistry.Draft(model: RouteDemandModel.name, featureSchema: RouteDemandModel.schema, origin: "trained")
        draft.parameters = ["season_length": "7", "level": String(configuration.level), "test_days": String(configuration.testDays),
                            "minimum_days": String(configuration.minimumDays)]
        let testStart = first.lastDate.adding(days: 1 - configuration.testDays)
        draft.dataPeriod = .init(train: .init(from: first.firstDate.iso, to: testStart.adding(days: -1).iso), validation: nil,
                                 test: .init(from: testStart.iso, to: first.lastDate.iso), trainingRows: outcomes.count * first.seats.count)
        draft.dataFingerprint = SHA256Hex.digest(file)
        draft.decisionThreshold = 0.5
        draft.evaluation = try JSONDocument(evaluation)
        draft.profile = FeatureProfile(values: outcomes.flatMap { $0.series.seats.map(Float.init) }, features: RouteDemandModel.schema.features)
        draft.description = "Seats flown per day on \(outcomes.count) routes (the 2013 record's proxy for passengers); a method per route chosen by a rolling-origin backtest"
        draft.files = [RouteDemandArtifact.role: ("json", file)]
        return draft
    }
}
