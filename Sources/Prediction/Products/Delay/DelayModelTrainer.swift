import Crypto
import Foundation
import NIOPosix
import SkyportDomain
import SkyportStore
import XGBoost

/// Trains the delay model on a time-based split, evaluates it beside its baselines on the held-out
/// period, and hands back a registry draft (model files, parameters, metrics, data fingerprint, profile).
///
/// Reading the record is IO and runs on the caller's task; boosting and evaluating are minutes of CPU and run on NIO's
/// blocking thread pool, so that a training job never holds a thread of Swift's cooperative pool (request handlers
/// and background loops run there).
public struct DelayModelTrainer: Sendable {
    let source: any DepartureSource
    /// Asked between boosting rounds: true stops the training with `TrainingStopped`.
    let shouldStop: @Sendable () -> Bool

    public init(source: any DepartureSource, shouldStop: @escaping @Sendable () -> Bool = { false }) {
        self.source = source
        self.shouldStop = shouldStop
    }

    /// A trained model before registration, with the time each phase took.
    public struct Result: Sendable {
        public let draft: ModelRegistry.Draft
        /// The evaluation the draft carries, as its type.
        public let evaluation: DelayModelEvaluation
        public let featureSeconds: Double
        public let trainingSeconds: Double
        public let rows: (train: Int, validation: Int, test: Int)
    }

    public func train(_ configuration: TrainingConfiguration, progress: @escaping @Sendable (String) -> Void = { _ in }) async throws -> Result {
        let problems = configuration.problems()
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        let started = Date()
        progress("1/5 features: reading the record and building \(DelayFeature.allCases.count) features for every departure from \(configuration.train.from) to \(configuration.test.to)")
        let dataset = try await loadDataset(configuration)
        let featureSeconds = Date().timeIntervalSince(started)
        return try await NIOThreadPool.singleton.runIfActive { [self] in
            try trainAndEvaluate(dataset, configuration: configuration, featureSeconds: featureSeconds, progress: progress)
        }
    }

    /// Everything after reading: the boosters, the baselines and the evaluation (CPU only).
    private func trainAndEvaluate(_ dataset: DelayDataset, configuration: TrainingConfiguration, featureSeconds: Double,
                                  progress: @Sendable (String) -> Void) throws -> Result {
        let excluded = DelayFeature.allCases.filter { configuration.excludedFeatures.contains($0.rawValue) }
        let fromDepartures = DelayFeature.allCases.filter { $0.family == .operations || $0.family == .recentHistory }
        let observed = dataset.filter { departure, delay in delay != nil && configuration.train.contains(departure.localDate) }.masking(excluded)
        // A tenth of the rows again without the features drawn from recorded departures, and another tenth
        // without those nor the weather, so that the model also knows what to do at an airport with no
        // departures or weather feed (the builder leaves those features missing there).
        let weather = DelayFeature.allCases.filter { $0.family == .weather }
        let train = observed.appending(observed.everyNth(10).masking(fromDepartures))
            .appending(observed.everyNth(10, offset: 5).masking(fromDepartures + weather))
        let validation = dataset.filter { departure, delay in delay != nil && configuration.validation.contains(departure.localDate) }.masking(excluded)
        let test = dataset.filter { departure, delay in delay != nil && configuration.test.contains(departure.localDate) }
        for (name, part) in [("training", train), ("validation", validation), ("test", test)] where part.count < 100 {
            throw ServiceError(.invalid, code: .notEnoughData,
                               message: "The \(name) period has \(part.count) departures with a known outcome; at least 100 are needed. Has `skyport data import` run?")
        }
        progress("features: \(dataset.count) departures in \(String(format: "%.1f", featureSeconds)) s; train \(observed.count) (+\(train.count - observed.count) without departures data), validation \(validation.count), test \(test.count) with a known outcome")

        let trainingStarted = Date()
        let labels = Labels(configuration: configuration)
        let all = DelayFeature.allCases
        let scheduleOnly = all.filter { $0.family == .schedule }
        let scheduleAndWeather = all.filter { $0.family == .schedule || $0.family == .weather }

        progress("2/5 classifier: boosting \"delayed \(configuration.delayThresholdMinutes)+ minutes\" until the validation period stops improving")
        let classifier = try fit(.classifier, features: all, train: train, validation: validation, labels: labels, configuration: configuration, progress: progress)
        progress("3/5 minutes: boosting the expected delay in minutes")
        let minutes = try fit(.minutes, features: all, train: train, validation: validation, labels: labels, configuration: configuration, progress: progress)
        let trainingSeconds = Date().timeIntervalSince(trainingStarted)
        progress("model trained in \(String(format: "%.1f", trainingSeconds)) s")
        progress("4/5 baselines: the same boosters on schedule features alone and on schedule and weather, to compare against")
        let scheduleClassifier = try fit(.classifier, features: scheduleOnly, train: train, validation: validation, labels: labels, configuration: configuration, progress: { _ in })
        let weatherClassifier = try fit(.classifier, features: scheduleAndWeather, train: train, validation: validation, labels: labels, configuration: configuration, progress: { _ in })
        let scheduleMinutes = try fit(.minutes, features: scheduleOnly, train: train, validation: validation, labels: labels, configuration: configuration, progress: { _ in })

        progress("5/5 evaluation: choosing the threshold on the validation period and measuring every model on the test period")
        // The threshold is chosen on the validation period, then applied unchanged to the test period.
        let validationProbabilities = try predict(classifier.booster, validation, features: all)
        let threshold = ClassifierMetrics.bestF1Threshold(probabilities: validationProbabilities, labels: labels.delayed(validation))
        let testLabels = labels.delayed(test)
        let testMinutes = labels.minutes(test)
        let priorRate = Double(labels.delayed(observed).filter { $0 }.count) / Double(observed.count)
        let medianMinutes = labels.minutes(observed).sorted()[observed.count / 2]
        func classifierMetrics(_ fitted: Fitted, _ features: [DelayFeature], threshold: Double) throws -> ClassifierMetrics {
            ClassifierMetrics(probabilities: try predict(fitted.booster, test, features: features), labels: testLabels, threshold: threshold)
        }
        let scheduleThreshold = ClassifierMetrics.bestF1Threshold(probabilities: try predict(scheduleClassifier.booster, validation, features: scheduleOnly), labels: labels.delayed(validation))
        let weatherThreshold = ClassifierMetrics.bestF1Threshold(probabilities: try predict(weatherClassifier.booster, validation, features: scheduleAndWeather), labels: labels.delayed(validation))
        let evaluation = DelayModelEvaluation(
            period: configuration.test,
            classifier: .init(
                model: try classifierMetrics(classifier, all, threshold: threshold),
                modelWithoutDepartures: ClassifierMetrics(probabilities: try predict(classifier.booster, test.masking(fromDepartures), features: all),
                                                          labels: testLabels, threshold: threshold),
                priorRate: ClassifierMetrics(probabilities: Array(repeating: priorRate, count: test.count), labels: testLabels, threshold: priorRate),
                scheduleOnly: try classifierMetrics(scheduleClassifier, scheduleOnly, threshold: scheduleThreshold),
                scheduleAndWeather: try classifierMetrics(weatherClassifier, scheduleAndWeather, threshold: weatherThreshold)),
            minutes: .init(
                model: RegressionMetrics(predicted: try predict(minutes.booster, test, features: all), actual: testMinutes),
                median: RegressionMetrics(predicted: Array(repeating: medianMinutes, count: test.count), actual: testMinutes),
                scheduleOnly: RegressionMetrics(predicted: try predict(scheduleMinutes.booster, test, features: scheduleOnly), actual: testMinutes)),
            importance: try importance(of: classifier.booster, on: test),
            training: .init(classifierRounds: classifier.rounds, minutesRounds: minutes.rounds, validationLogLoss: classifier.validationScore,
                            validationRmse: minutes.validationScore, seconds: trainingSeconds))

        var draft = ModelRegistry.Draft(model: DelayModel.name, featureSchema: DelayFeatureSchema.current, origin: "trained")
        draft.parameters = Dictionary(configuration.booster.xgboostParameters(), uniquingKeysWith: { $1 })
            .merging(["classifier_objective": "binary:logistic", "minutes_objective": "reg:squarederror",
                      "delay_threshold_minutes": String(configuration.delayThresholdMinutes), "minutes_cap": String(configuration.minutesCap),
                      "early_stopping_rounds": String(configuration.booster.earlyStoppingRounds),
                      "excluded_features": configuration.excludedFeatures.joined(separator: ",")], uniquingKeysWith: { $1 })
        draft.dataPeriod = .init(train: configuration.train, validation: configuration.validation, test: configuration.test, trainingRows: train.count)
        draft.dataFingerprint = Self.fingerprint(train, labels: labels)
        draft.leadTimeMinutes = configuration.leadTimeMinutes
        draft.decisionThreshold = threshold
        draft.evaluation = try JSONDocument(evaluation)
        draft.profile = FeatureProfile(values: Self.sample(observed, limit: 100_000), features: all.map(\.rawValue))
        draft.description = "Departure delay of \(configuration.delayThresholdMinutes)+ minutes, \(configuration.leadTimeMinutes) minutes ahead; trained \(configuration.train), early-stopped on \(configuration.validation), tested on \(configuration.test)"
        draft.files = [ModelVersion.probabilityRole: ("ubj", try classifier.booster.save(format: .ubj)),
                       ModelVersion.minutesRole: ("ubj", try minutes.booster.save(format: .ubj))]
        return Result(draft: draft, evaluation: evaluation, featureSeconds: featureSeconds, trainingSeconds: trainingSeconds,
                      rows: (train.count, validation.count, test.count))
    }

    private func loadDataset(_ configuration: TrainingConfiguration) async throws -> DelayDataset {
        let days = [configuration.train.firstDay, configuration.validation.firstDay, configuration.test.firstDay,
                    configuration.train.lastDay, configuration.validation.lastDay, configuration.test.lastDay].compactMap { $0 }
        guard let first = days.min(), let last = days.max() else { return DelayDataset(departures: [], values: [], delays: [], cutoffs: []) }
        // A day either side covers every time zone; the periods filter on the local date afterwards.
        let start = Int64(first.daysSinceEpoch - 1) * 86_400, end = Int64(last.daysSinceEpoch + 2) * 86_400
        return try await DelayDatasetBuilder(source: source).build(scheduledFrom: start, to: end, leadTimeMinutes: configuration.leadTimeMinutes)
    }

    // MARK: - Boosters

    enum Product {
        case classifier
        case minutes
    }

    struct Fitted {
        let booster: Booster
        let rounds: Int
        let validationScore: Double
    }

    struct Labels {
        let configuration: TrainingConfiguration

        func delayed(_ data: DelayDataset) -> [Bool] { data.delays.map { ($0 ?? 0) >= Double(configuration.delayThresholdMinutes) } }
        func minutes(_ data: DelayDataset) -> [Double] { data.delays.map { min(configuration.minutesCap, max(0, $0 ?? 0)) } }
        func values(_ product: Product, _ data: DelayDataset) -> [Float] {
            switch product {
            case .classifier: return delayed(data).map { $0 ? 1 : 0 }
            case .minutes: return minutes(data).map(Float.init)
            }
        }
    }

    private func fit(_ product: Product, features: [DelayFeature], train: DelayDataset, validation: DelayDataset, labels: Labels,
                     configuration: TrainingConfiguration, progress: (String) -> Void) throws -> Fitted {
        let names = features.map(\.rawValue)
        let trainMatrix = try DMatrix(values: train.columns(features), rows: train.count, columns: features.count,
                                      labels: labels.values(product, train), featureNames: names)
        let validationMatrix = try DMatrix(values: validation.columns(features), rows: validation.count, columns: features.count,
                                           labels: labels.values(product, validation), featureNames: names)
        let objective = product == .classifier ? "binary:logistic" : "reg:squarederror"
        let trainer = EarlyStoppingTrainer(parameters: configuration.booster.xgboostParameters() + [("objective", objective)],
                                           maxRounds: configuration.booster.maxRounds, patience: configuration.booster.earlyStoppingRounds,
                                           metric: product == .classifier ? "logloss" : "rmse", shouldStop: shouldStop)
        let label = product == .classifier ? "delayed \(configuration.delayThresholdMinutes)+" : "minutes"
        let outcome = try trainer.train(trainMatrix, validation: validationMatrix, featureNames: names) { round in
            progress("[\(label)] round \(round.round + 1): train-\(trainer.metric) \(String(format: "%.5f", round.train))  valid-\(trainer.metric) \(String(format: "%.5f", round.validation))")
        }
        progress("[\(label)] best round \(outcome.bestRound + 1) of \(outcome.roundsRun), valid-\(trainer.metric) \(String(format: "%.5f", outcome.bestValidation))")
        return Fitted(booster: outcome.booster, rounds: outcome.bestRound + 1, validationScore: outcome.bestValidation)
    }

    private func predict(_ booster: Booster, _ data: DelayDataset, features: [DelayFeature]) throws -> [Double] {
        let matrix = try DMatrix(values: data.columns(features), rows: data.count, columns: features.count)
        return try booster.predict(matrix).map(Double.init)
    }

    /// Mean |SHAP| per feature on (a sample of) the test period.
    private func importance(of booster: Booster, on test: DelayDataset) throws -> [DelayModelEvaluation.Importance] {
        let values = Self.sample(test, limit: 20_000)
        let rows = values.count / DelayDataset.width
        let contributions = try booster.predict(try DMatrix(values: values, rows: rows, columns: DelayDataset.width), kind: .contributions)
        let stride = DelayDataset.width + 1
        return DelayFeature.allCases.map { feature in
            let total = (0..<rows).reduce(0.0) { $0 + Double(abs(contributions[$1 * stride + feature.index])) }
            return .init(feature: feature.rawValue, meanAbsoluteContribution: total / Double(max(1, rows)))
        }.sorted { $0.meanAbsoluteContribution > $1.meanAbsoluteContribution }
    }

    /// Every n-th row so that at most `limit` remain (deterministic).
    static func sample(_ data: DelayDataset, limit: Int) -> [Float] {
        let step = max(1, data.count / limit)
        return stride(from: 0, to: data.count, by: step).flatMap { data.row($0) }
    }

    static func fingerprint(_ data: DelayDataset, labels: Labels) -> String {
        var hasher = SHA256()
        data.values.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        labels.values(.classifier, data).withUnsafeBytes { hasher.update(bufferPointer: $0) }
        labels.values(.minutes, data).withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return SHA256Hex.hex(hasher.finalize())
    }
}
