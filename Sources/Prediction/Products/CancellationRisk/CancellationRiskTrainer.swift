import Crypto
import Foundation
import NIOPosix
import SkyportDomain
import SkyportStore
import XGBoost

/// Trains the cancellation-risk model on a time-based split: every departure of the record gives a row at each lead
/// time (6 and 2 hours before by default), labelled cancelled when it never left. It is evaluated at each lead time
/// beside the prior rate and boosters on the schedule alone and on the schedule and weather, on the held-out period.
///
/// Reading the record is IO on the caller's task; boosting and evaluating run on NIO's blocking thread pool.
public struct CancellationRiskTrainer: Sendable {
    let source: any DepartureSource
    /// Asked between boosting rounds: true stops the training with `TrainingStopped`.
    let shouldStop: @Sendable () -> Bool

    public init(source: any DepartureSource, shouldStop: @escaping @Sendable () -> Bool = { false }) {
        self.source = source
        self.shouldStop = shouldStop
    }

    /// A trained model before registration, with its evaluation as its type.
    public struct Result: Sendable {
        public let draft: ModelRegistry.Draft
        public let evaluation: CancellationRiskEvaluation
        public let rows: (train: Int, validation: Int, test: Int)
    }

    /// The rows of one part of the split, every lead time together.
    struct Part: Sendable {
        var values: [Float] = []
        var cancelled: [Bool] = []
        var leadTimes: [Int] = []
        var count: Int { cancelled.count }
        static let width = CancellationFeatureBuilder.width

        mutating func append(_ rows: FlightRows, _ index: Int, leadTime: Int) {
            values.append(contentsOf: rows.values[(index * Self.width)..<((index + 1) * Self.width)])
            cancelled.append(rows.delays[index] == nil)
            leadTimes.append(leadTime)
        }

        /// The values of some columns, row-major; the others are left out.
        func columns(_ indices: [Int]) -> [Float] {
            var selected: [Float] = []
            selected.reserveCapacity(count * indices.count)
            for row in 0..<count { for column in indices { selected.append(values[row * Self.width + column]) } }
            return selected
        }

        /// The rows read at `leadTime` alone.
        func at(_ leadTime: Int) -> Part {
            var part = Part()
            for row in 0..<count where leadTimes[row] == leadTime {
                part.values.append(contentsOf: values[(row * Self.width)..<((row + 1) * Self.width)])
                part.cancelled.append(cancelled[row])
                part.leadTimes.append(leadTime)
            }
            return part
        }
    }

    public func train(_ configuration: CancellationRiskConfiguration, progress: @escaping @Sendable (String) -> Void = { _ in }) async throws -> Result {
        let problems = configuration.problems()
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        let started = Date()
        let days = [configuration.train.firstDay, configuration.test.lastDay].compactMap { $0 }
        guard let first = days.min(), let last = days.max() else { throw ValidationFailure(problems) }
        // A day either side covers every time zone; the periods filter on the local date afterwards.
        let departures = try await source.departures(scheduledFrom: Int64(first.daysSinceEpoch - 1) * 86_400, to: Int64(last.daysSinceEpoch + 2) * 86_400)
        var train = Part(), validation = Part(), test = Part()
        for (step, lead) in configuration.leadTimesMinutes.enumerated() {
            progress("\(step + 1)/\(configuration.leadTimesMinutes.count + 2) features: \(departures.count) departures as known \(lead) minutes before")
            let rows = try await FlightDatasetBuilder(source: source, builder: CancellationFeatureBuilder())
                .rows(departures, leadTimeMinutes: lead)
            for index in 0..<rows.count {
                let date = rows.departures[index].localDate
                if configuration.train.contains(date) { train.append(rows, index, leadTime: lead) }
                else if configuration.validation.contains(date) { validation.append(rows, index, leadTime: lead) }
                else if configuration.test.contains(date) { test.append(rows, index, leadTime: lead) }
            }
        }
        let featureSeconds = Date().timeIntervalSince(started)
        for (name, part) in [("training", train), ("validation", validation), ("test", test)] where part.count < 100 || !part.cancelled.contains(true) {
            throw ServiceError(.invalid, code: .notEnoughData,
                               message: "The \(name) period has \(part.count) departures and \(part.cancelled.filter { $0 }.count) cancellations; at least 100 departures and one cancellation are needed. Has `skyport data import` run?")
        }
        progress("features: \(train.count) training, \(validation.count) validation and \(test.count) test rows in \(String(format: "%.1f", featureSeconds)) s; \(train.cancelled.filter { $0 }.count) cancelled in training")
        let (trainRows, validationRows, testRows) = (train.count, validation.count, test.count)
        return try await NIOThreadPool.singleton.runIfActive { [self, train, validation, test] in
            let outcome = try trainAndEvaluate(train: train, validation: validation, test: test, configuration: configuration, progress: progress)
            return Result(draft: outcome.draft, evaluation: outcome.evaluation, rows: (trainRows, validationRows, testRows))
        }
    }

    /// The columns a model reads: all of them but the excluded, or a baseline's families.
    public static func columns(excluding excluded: [String], families: Set<DelayFeature.Family>? = nil) -> [Int] {
        let names = CancellationFeatureSchema.names
        return names.indices.filter { index in
            guard !excluded.contains(names[index]) else { return false }
            guard let families else { return true }
            return index < DelayFeature.allCases.count && families.contains(DelayFeature.allCases[index].family)
        }
    }

    private func trainAndEvaluate(train: Part, validation: Part, test: Part, configuration: CancellationRiskConfiguration,
                                  progress: @Sendable (String) -> Void) throws -> (draft: ModelRegistry.Draft, evaluation: CancellationRiskEvaluation) {
        let all = Self.columns(excluding: configuration.excludedFeatures)
        let scheduleOnly = Self.columns(excluding: configuration.excludedFeatures, families: [.schedule])
        let scheduleAndWeather = Self.columns(excluding: configuration.excludedFeatures, families: [.schedule, .weather])
        let steps = configuration.leadTimesMinutes.count
        let trainingStarted = Date()
        progress("\(steps + 1)/\(steps + 2) classifier: boosting \"cancelled\" until the validation period stops improving")
        let model = try fit(all, train: train, validation: validation, configuration: configuration, label: "cancelled", progress: progress)
        let trainingSeconds = Date().timeIntervalSince(trainingStarted)
        progress("model trained in \(String(format: "%.1f", trainingSeconds)) s")
        progress("\(steps + 2)/\(steps + 2) baselines and evaluation at each lead time on the test period")
        let scheduleModel = try fit(scheduleOnly, train: train, validation: validation, configuration: configuration, label: "schedule only", progress: { _ in })
        let weatherModel = try fit(scheduleAndWeather, train: train, validation: validation, configuration: configuration, label: "schedule + weather", progress: { _ in })
        let threshold = ClassifierMetrics.bestF1Threshold(probabilities: try predict(model.booster, validation, all), labels: validation.cancelled)
        let scheduleThreshold = ClassifierMetrics.bestF1Threshold(probabilities: try predict(scheduleModel.booster, validation, scheduleOnly), labels: validation.cancelled)
        let weatherThreshold = ClassifierMetrics.bestF1Threshold(probabilities: try predict(weatherModel.booster, validation, scheduleAndWeather), labels: validation.cancelled)
        let prior = Double(train.cancelled.filter { $0 }.count) / Double(train.count)
        let leadTimes = try configuration.leadTimesMinutes.map { lead -> CancellationRiskEvaluation.AtLeadTime in
            let rows = test.at(lead)
            return .init(leadTimeMinutes: lead,
                         model: ClassifierMetrics(probabilities: try predict(model.booster, rows, all), labels: rows.cancelled, threshold: threshold),
                         priorRate: ClassifierMetrics(probabilities: Array(repeating: prior, count: rows.count), labels: rows.cancelled, threshold: prior),
                         scheduleOnly: ClassifierMetrics(probabilities: try predict(scheduleModel.booster, rows, scheduleOnly), labels: rows.cancelled,
                                                         threshold: scheduleThreshold),
                         scheduleAndWeather: ClassifierMetrics(probabilities: try predict(weatherModel.booster, rows, scheduleAndWeather),
                                                               labels: rows.cancelled, threshold: weatherThreshold))
        }
        let evaluation = CancellationRiskEvaluation(
            period: configuration.test, leadTimes: leadTimes, importance: try importance(of: model.booster, on: test, columns: all),
            training: .init(rounds: model.rounds, validationLogLoss: model.validationScore, seconds: trainingSeconds))

        var draft = ModelRegistry.Draft(model: CancellationRiskModel.name, featureSchema: CancellationFeatureSchema.current, origin: "trained")
        draft.parameters = Dictionary(configuration.booster.xgboostParameters(), uniquingKeysWith: { $1 })
            .merging(["objective": "binary:logistic", "lead_times_minutes": configuration.leadTimesMinutes.map(String.init).joined(separator: ","),
                      "excluded_features": configuration.excludedFeatures.joined(separator: ",")], uniquingKeysWith: { $1 })
        draft.dataPeriod = .init(train: configuration.train, validation: configuration.validation, test: configuration.test, trainingRows: train.count)
        draft.dataFingerprint = Self.fingerprint(train)
        draft.leadTimeMinutes = configuration.leadTimesMinutes[0]
        draft.decisionThreshold = threshold
        draft.evaluation = try JSONDocument(evaluation)
        let step = max(1, train.count / 100_000)
        draft.profile = FeatureProfile(values: stride(from: 0, to: train.count, by: step).flatMap { train.values[($0 * Part.width)..<(($0 + 1) * Part.width)] },
                                       features: CancellationFeatureSchema.names)
        draft.description = "Cancellation of a departure, read \(configuration.leadTimesMinutes.map { "\($0)" }.joined(separator: " and ")) minutes ahead; trained \(configuration.train), early-stopped on \(configuration.validation), tested on \(configuration.test)"
        draft.files = [ModelVersion.probabilityRole: ("ubj", try model.booster.save(format: .ubj))]
        return (draft, evaluation)
    }

    struct Fitted {
        let booster: Booster
        let rounds: Int
        let validationScore: Double
    }

    /// A classifier on `columns` (the others missing, so the booster reads full-width rows at serving).
    private func fit(_ columns: [Int], train: Part, validation: Part, configuration: CancellationRiskConfiguration, label: String,
                     progress: (String) -> Void) throws -> Fitted {
        let names = CancellationFeatureSchema.names
        func matrix(_ part: Part) throws -> DMatrix {
            try DMatrix(values: masked(part, keeping: columns), rows: part.count, columns: Part.width,
                        labels: part.cancelled.map { $0 ? 1 : 0 }, featureNames: names)
        }
        let trainer = EarlyStoppingTrainer(parameters: configuration.booster.xgboostParameters() + [("objective", "binary:logistic")],
                                           maxRounds: configuration.booster.maxRounds, patience: configuration.booster.earlyStoppingRounds,
                                           metric: "logloss", shouldStop: shouldStop)
        let outcome = try trainer.train(try matrix(train), validation: try matrix(validation), featureNames: names) { round in
            progress("[\(label)] round \(round.round + 1): train-logloss \(String(format: "%.5f", round.train))  valid-logloss \(String(format: "%.5f", round.validation))")
        }
        progress("[\(label)] best round \(outcome.bestRound + 1) of \(outcome.roundsRun), valid-logloss \(String(format: "%.5f", outcome.bestValidation))")
        return Fitted(booster: outcome.booster, rounds: outcome.bestRound + 1, validationScore: outcome.bestValidation)
    }

    /// The part's values with every column but `columns` missing.
    private func masked(_ part: Part, keeping columns: [Int]) -> [Float] {
        guard columns.count < Part.width else { return part.values }
        let kept = Set(columns)
        let dropped = (0..<Part.width).filter { !kept.contains($0) }
        var values = part.values
        for row in 0..<part.count { for column in dropped { values[row * Part.width + column] = .nan } }
        return values
    }

    private func predict(_ booster: Booster, _ part: Part, _ columns: [Int]) throws -> [Double] {
        try booster.predict(try DMatrix(values: masked(part, keeping: columns), rows: part.count, columns: Part.width)).map(Double.init)
    }

    /// Mean |SHAP| per feature on (a sample of) the test period.
    private func importance(of booster: Booster, on test: Part, columns: [Int]) throws -> [CancellationRiskEvaluation.Importance] {
        let step = max(1, test.count / 20_000)
        let rows = stride(from: 0, to: test.count, by: step).map { $0 }
        let values = masked(test, keeping: columns)
        let sample = rows.flatMap { values[($0 * Part.width)..<(($0 + 1) * Part.width)] }
        let contributions = try booster.predict(try DMatrix(values: sample, rows: rows.count, columns: Part.width), kind: .contributions)
        let stride = Part.width + 1
        return CancellationFeatureSchema.names.enumerated().map { index, name in
            let total = (0..<rows.count).reduce(0.0) { $0 + Double(abs(contributions[$1 * stride + index])) }
            return .init(feature: name, meanAbsoluteContribution: total / Double(max(1, rows.count)))
        }.sorted { $0.meanAbsoluteContribution > $1.meanAbsoluteContribution }
    }

    static func fingerprint(_ part: Part) -> String {
        var hasher = SHA256()
        part.values.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        part.cancelled.map { $0 ? UInt8(1) : 0 }.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return SHA256Hex.hex(hasher.finalize())
    }
}
