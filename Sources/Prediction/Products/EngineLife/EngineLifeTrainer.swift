import Crypto
import Foundation
import NIOPosix
import SkyportDomain
import SkyportStore
import XGBoost

/// Trains the engine-life regressor on C-MAPSS FD001: a row after every cycle of every training engine, its target the
/// remaining cycles capped at `cap`. Every `holdOutEvery`-th training engine is held out for early stopping and for the
/// conformal calibration of the interval and of the probability of failure; the standard test (the last cycle of each
/// test engine against NASA's true values) is measured beside the training mean and a cycles-only booster.
public struct EngineLifeTrainer: Sendable {
    let data: EngineDataSet
    let shouldStop: @Sendable () -> Bool

    public init(data: EngineDataSet, shouldStop: @escaping @Sendable () -> Bool = { false }) {
        self.data = data
        self.shouldStop = shouldStop
    }

    public struct Result: Sendable {
        public let draft: ModelRegistry.Draft
        public let evaluation: EngineLifeEvaluation
        public let calibration: EngineLifeCalibration
    }

    /// Rows after every cycle of `engines`: features, capped targets and true remaining cycles.
    struct Rows {
        var values: [Float] = []
        var capped: [Float] = []
        var actual: [Double] = []
        var count: Int { actual.count }
        static let width = EngineFeature.all.count

        init(_ engines: [EngineHistory], cap: Int) {
            let builder = EngineFeatureBuilder()
            for engine in engines {
                let last = engine.cycles.count
                for end in 1...last {
                    values += builder.features(engine.cycles[0..<end])
                    actual.append(Double(last - end))
                    capped.append(Float(min(cap, last - end)))
                }
            }
        }

        init(values: [Float], actual: [Double]) {
            self.values = values
            self.actual = actual
        }

        func matrix(keeping columns: Set<Int>? = nil, labels: Bool = true) throws -> DMatrix {
            var values = self.values
            if let columns {
                for row in 0..<count { for column in 0..<Self.width where !columns.contains(column) { values[row * Self.width + column] = .nan } }
            }
            return try DMatrix(values: values, rows: count, columns: Self.width, labels: labels ? capped : nil,
                               featureNames: EngineFeature.all.map(\.name))
        }
    }

    public func train(_ configuration: EngineLifeConfiguration, progress: @escaping @Sendable (String) -> Void = { _ in }) async throws -> Result {
        let problems = configuration.problems()
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        return try await NIOThreadPool.singleton.runIfActive { [self] in try trainAndEvaluate(configuration, progress: progress) }
    }

    private func trainAndEvaluate(_ configuration: EngineLifeConfiguration, progress: @Sendable (String) -> Void) throws -> Result {
        let started = Date()
        let heldOut = data.training.filter { $0.unit % configuration.holdOutEvery == 0 }
        let trainingEngines = data.training.filter { $0.unit % configuration.holdOutEvery != 0 }
        progress("1/4 features: \(EngineFeature.all.count) features after every cycle of \(trainingEngines.count) training and \(heldOut.count) held-out engines")
        let train = Rows(trainingEngines, cap: configuration.cap), validation = Rows(heldOut, cap: configuration.cap)
        let builder = EngineFeatureBuilder()
        var test = Rows(values: data.test.flatMap { builder.features($0.cycles[...]) }, actual: data.testRemaining.map(Double.init))
        test.capped = data.testRemaining.map { Float(min(configuration.cap, $0)) }

        progress("2/4 regressor: boosting remaining cycles (capped at \(configuration.cap)) until the held-out engines stop improving")
        let model = try fit(train, validation, keeping: nil, configuration: configuration, label: "remaining cycles", progress: progress)
        let trainingSeconds = Date().timeIntervalSince(started)
        progress("model trained in \(String(format: "%.1f", trainingSeconds)) s")
        progress("3/4 calibration: the interval and the probability of failure within \(configuration.failureHorizon) cycles, on the held-out engines")
        let calibration = EngineLifeCalibration(predicted: try predict(model.booster, validation), actual: validation.actual,
                                                level: configuration.intervalLevel, horizon: configuration.failureHorizon)
        progress("4/4 evaluation: the last cycle of each of the \(data.test.count) test engines against NASA's true remaining cycles")
        let cyclesOnly = try fit(train, validation, keeping: [0], configuration: configuration, label: "cycles only", progress: { _ in })
        let predicted = try predict(model.booster, test)
        let cap = Double(configuration.cap)
        let intervals = predicted.map(calibration.interval(for:))
        func coverage(_ truth: [Double]) -> Double {
            Double(zip(intervals, truth).filter { $0.lower <= $1 && $1 <= $0.upper }.count) / Double(max(1, truth.count))
        }
        let trainingMean = Double(train.capped.reduce(0, +)) / Double(max(1, train.count))
        let evaluation = EngineLifeEvaluation(
            testEngines: data.test.count, cap: configuration.cap,
            model: .init(predicted: predicted, actual: test.actual, cap: cap),
            trainingMean: .init(predicted: Array(repeating: trainingMean, count: test.count), actual: test.actual, cap: cap),
            cyclesOnly: .init(predicted: try predict(cyclesOnly.booster, test, keeping: [0]), actual: test.actual, cap: cap),
            interval: .init(level: configuration.intervalLevel, covered: coverage(test.actual), coveredAgainstCapped: coverage(test.actual.map { min($0, cap) }),
                            meanWidth: intervals.map { $0.upper - $0.lower }.reduce(0, +) / Double(max(1, intervals.count))),
            failureWithinHorizon: ClassifierMetrics(probabilities: intervals.map(\.failureProbability),
                                                    labels: test.actual.map { $0 <= Double(configuration.failureHorizon) }, threshold: 0.5),
            horizon: configuration.failureHorizon,
            importance: try importance(of: model.booster, on: validation),
            training: .init(rounds: model.rounds, validationRmse: model.validationScore, trainingEngines: trainingEngines.count,
                            heldOutEngines: heldOut.count, seconds: trainingSeconds))

        var draft = ModelRegistry.Draft(model: EngineLifeModel.name, featureSchema: EngineFeatureSchema.current, origin: "trained")
        draft.parameters = Dictionary(configuration.booster.xgboostParameters(), uniquingKeysWith: { $1 })
            .merging(["objective": "reg:squarederror", "cap": String(configuration.cap),
                      "calibration": String(decoding: try JSONEncoder().encode(calibration), as: UTF8.self)], uniquingKeysWith: { $1 })
        draft.dataPeriod = .init(train: nil, validation: nil, test: nil, trainingRows: train.count)
        draft.dataFingerprint = Self.fingerprint(train)
        draft.decisionThreshold = 0.5
        draft.evaluation = try JSONDocument(evaluation)
        draft.profile = FeatureProfile(values: train.values, features: EngineFeature.all.map(\.name))
        draft.description = "Remaining cycles of a turbofan (C-MAPSS FD001), capped at \(configuration.cap); \(Int(configuration.intervalLevel * 100)) % split-conformal interval and P(failure within \(configuration.failureHorizon) cycles) from \(heldOut.count) held-out engines"
        draft.files = [EngineLifeModel.role: ("ubj", try model.booster.save(format: .ubj))]
        return Result(draft: draft, evaluation: evaluation, calibration: calibration)
    }

    struct Fitted {
        let booster: Booster
        let rounds: Int
        let validationScore: Double
    }

    private func fit(_ train: Rows, _ validation: Rows, keeping columns: Set<Int>?, configuration: EngineLifeConfiguration, label: String,
                     progress: (String) -> Void) throws -> Fitted {
        let trainer = EarlyStoppingTrainer(parameters: configuration.booster.xgboostParameters() + [("objective", "reg:squarederror")],
                                           maxRounds: configuration.booster.maxRounds, patience: configuration.booster.earlyStoppingRounds,
                                           metric: "rmse", shouldStop: shouldStop)
        let outcome = try trainer.train(try train.matrix(keeping: columns), validation: try validation.matrix(keeping: columns),
                                        featureNames: EngineFeature.all.map(\.name)) { round in
            progress("[\(label)] round \(round.round + 1): train-rmse \(String(format: "%.3f", round.train))  valid-rmse \(String(format: "%.3f", round.validation))")
        }
        progress("[\(label)] best round \(outcome.bestRound + 1) of \(outcome.roundsRun), valid-rmse \(String(format: "%.3f", outcome.bestValidation))")
        return Fitted(booster: outcome.booster, rounds: outcome.bestRound + 1, validationScore: outcome.bestValidation)
    }

    private func predict(_ booster: Booster, _ rows: Rows, keeping columns: Set<Int>? = nil) throws -> [Double] {
        try booster.predict(try rows.matrix(keeping: columns, labels: false)).map { max(0, Double($0)) }
    }

    private func importance(of booster: Booster, on rows: Rows) throws -> [EngineLifeEvaluation.Importance] {
        let contributions = try booster.predict(try rows.matrix(labels: false), kind: .contributions)
        let stride = Rows.width + 1
        return EngineFeature.all.enumerated().map { index, feature in
            let total = (0..<rows.count).reduce(0.0) { $0 + Double(abs(contributions[$1 * stride + index])) }
            return .init(feature: feature.name, meanAbsoluteContribution: total / Double(max(1, rows.count)))
        }.sorted { $0.meanAbsoluteContribution > $1.meanAbsoluteContribution }
    }

    static func fingerprint(_ rows: Rows) -> String {
        var hasher = SHA256()
        rows.values.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        rows.capped.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return SHA256Hex.hex(hasher.finalize())
    }
}
