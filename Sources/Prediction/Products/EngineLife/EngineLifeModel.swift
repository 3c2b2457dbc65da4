import Foundation
import SkyportDomain

/// The aircraft-maintenance product: the remaining useful life of a turbofan in cycles, from windows of its sensor
/// history, with a 90 % interval and the probability of failure within 30 cycles. Trained on NASA's C-MAPSS FD001
/// (simulated engines: see docs/ml.md for what that data is and is not).
public struct EngineLifeModel: ModelProduct {
    public static let name: ModelName = "engine-life"
    static let role = "remaining-cycles"
    let dataDirectory: URL
    let server: ModelServer
    let log: PredictionLog
    let now: @Sendable () -> Int64

    /// `dataDirectory` holds the C-MAPSS copy (`data-sets/cmapss-fd001`).
    public init(registry: ModelRegistry, log: PredictionLog, dataDirectory: URL = URL(fileURLWithPath: EngineDataSet.standardDirectory),
                now: @escaping @Sendable () -> Int64) {
        self.dataDirectory = dataDirectory
        server = ModelServer(name: Self.name, schema: EngineFeatureSchema.current, roles: [Self.role], registry: registry)
        self.log = log
        self.now = now
    }

    public var name: ModelName { Self.name }
    public var summary: String {
        "The remaining useful life of a turbofan engine in cycles, with a 90 % interval and the probability of failure within 30 cycles, from windows of its sensor history."
    }
    public var featureSchema: FeatureSchema { EngineFeatureSchema.current }
    public var artifactRoles: [String] { [Self.role] }
    public var defaultLeadTimeMinutes: Int { 0 }

    public func trainingConfiguration(_ given: JSONDocument?) throws -> JSONDocument {
        let configuration = try given.map { try RequestJSON.decode(EngineLifeConfiguration.self, from: $0, field: "configuration") } ?? EngineLifeConfiguration()
        let problems = configuration.problems()
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        return try JSONDocument(configuration)
    }

    public func train(_ configuration: JSONDocument, progress: @escaping @Sendable (String) -> Void,
                      shouldStop: @escaping @Sendable () -> Bool) async throws -> ModelRegistry.Draft {
        let data = try EngineDataSet.load(from: dataDirectory)
        return try await EngineLifeTrainer(data: data, shouldStop: shouldStop)
            .train(try configuration.decode(EngineLifeConfiguration.self), progress: progress).draft
    }

    public func headline(of evaluation: JSONDocument) -> ModelHeadline? {
        guard let evaluation = try? evaluation.decode(EngineLifeEvaluation.self) else { return nil }
        func metric(_ name: String, _ value: (EngineLifeEvaluation.Errors) -> Double) -> ModelHeadline.Metric {
            .init(name: name, higherIsBetter: false, model: value(evaluation.model),
                  baselines: ["training mean": value(evaluation.trainingMean), "cycles only": value(evaluation.cyclesOnly)])
        }
        return ModelHeadline(testSet: "the last cycle of each of the \(evaluation.testEngines) C-MAPSS FD001 test engines", metrics: [
            metric("RMSE", \.rmse), metric("RMSE against truth capped at \(evaluation.cap)", \.rmseAgainstCapped), metric("PHM08 score", \.phm08Score),
            .init(name: "\(Int(evaluation.interval.level * 100)) % interval coverage", higherIsBetter: true, model: evaluation.interval.covered, baselines: [:]),
        ])
    }

    public func report(of version: ModelVersion) -> String? {
        guard let e = try? version.evaluation?.decode(EngineLifeEvaluation.self) else { return nil }
        var lines = ["test: the last cycle of each of the \(e.testEngines) FD001 test engines (NASA's true remaining cycles)",
                     "remaining cycles       RMSE    RMSE capped \(e.cap)   MAE     PHM08 score"]
        for (name, errors) in [("model", e.model), ("cycles only", e.cyclesOnly), ("training mean", e.trainingMean)] {
            lines.append(String(format: "%-20@  %6.2f  %6.2f           %6.2f  %9.1f", name as NSString, errors.rmse, errors.rmseAgainstCapped, errors.mae, errors.phm08Score))
        }
        lines.append(String(format: "%.0f %% interval: covers %.0f %% of engines (%.0f %% against capped truth), mean width %.1f cycles",
                            e.interval.level * 100, e.interval.covered * 100, e.interval.coveredAgainstCapped * 100, e.interval.meanWidth))
        let f = e.failureWithinHorizon
        lines.append(String(format: "failure within %d cycles (%d of %d engines): AUC %.3f, Brier %.4f", e.horizon, Int((f.positiveRate * Double(f.count)).rounded()),
                            f.count, f.auc, f.brier))
        lines.append("features the model leaned on (mean |SHAP|, cycles): " + e.importance.prefix(6)
            .map { "\($0.feature) \(String(format: "%.2f", $0.meanAbsoluteContribution))" }.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }

    /// `POST /v1/predictions/engine-life`: `{"engine": "ESN-1", "cycles": [{"cycle": 1, "settings": [3 numbers], "sensors": [21 numbers]}, ...],
    /// "model": "champion"}`.
    public func predict(_ body: Data) async throws -> ServedPredictions {
        let request = try RequestJSON.decode(EngineRequest.self, from: body)
        return ServedPredictions(try await predict([try request.history(at: nil)], model: request.model)[0], count: 1)
    }

    /// `POST /v1/predictions/engine-life/batch`: `{"engines": [{"engine": ..., "cycles": [...]}, ...], "model": "champion",
    /// "explain": false}`; reasons only with `explain` (exact SHAP over every tree costs more than the prediction itself).
    public func predictBatch(_ body: Data) async throws -> ServedPredictions {
        struct Batch: Decodable {
            let engines: [EngineRequest]?
            let model: String?
            let explain: Bool?
        }
        let batch = try RequestJSON.decode(Batch.self, from: body)
        guard let engines = batch.engines, !engines.isEmpty, engines.count <= 1000 else {
            throw ServiceError(.invalid, code: .missingField, message: "engines is a list of 1 to 1,000 engines with their cycles.", field: "engines")
        }
        let predictions = try await predict(try engines.enumerated().map { try $1.history(at: $0) }, model: batch.model, explain: batch.explain ?? false)
        return ServedPredictions(["predictions": predictions], count: predictions.count)
    }

    /// Predictions after the latest cycle of each history (with the reasons that bring each failure closest when
    /// `explain`), logged for monitoring.
    public func predict(_ engines: [(engine: String, cycles: [EngineCycle])], model reference: String?,
                        explain: Bool = true) async throws -> [EngineLifePrediction] {
        let builder = EngineFeatureBuilder(), width = EngineFeature.all.count
        let values = engines.flatMap { builder.features($0.cycles[...]) }
        let reference = reference ?? "champion"
        let (version, alias, outputs) = try await server.score(values, rows: engines.count, reference: reference)
        let contributions = explain ? try await server.score(values, rows: engines.count, reference: reference, contributions: true).outputs : []
        let calibration = version.parameters["calibration"].flatMap { try? JSONDecoder().decode(EngineLifeCalibration.self, from: Data($0.utf8)) }
        let modelReference = DelayPrediction.Model(name: Self.name.rawValue, version: version.version, id: version.id, alias: alias)
        let predictions = (0..<engines.count).map { row -> EngineLifePrediction in
            let remaining = max(0, Double(outputs[row]))
            let interval: (lower: Double, upper: Double, failureProbability: Double) = calibration?.interval(for: remaining) ?? (remaining, remaining, 0)
            let shap = explain ? contributions[(row * (width + 1))..<((row + 1) * (width + 1))] : []
            let reasons = (explain ? EngineFeature.all.indices : 0..<0).compactMap { index -> EngineLifePrediction.Reason? in
                let contribution = shap[shap.startIndex + index], value = values[row * width + index]
                guard contribution < -1, !value.isNaN else { return nil }
                return .init(feature: EngineFeature.all[index].name, value: Double(value),
                             phrase: EngineReasons.phrase(EngineFeature.all[index], value: value), contribution: Double(contribution))
            }.sorted { $0.contribution < $1.contribution }.prefix(3)
            return EngineLifePrediction(
                model: modelReference, engine: engines[row].engine, cyclesRun: engines[row].cycles.last?.cycle ?? 0,
                remainingCycles: (remaining * 10).rounded() / 10,
                interval: .init(lower: (interval.lower * 10).rounded() / 10, upper: (interval.upper * 10).rounded() / 10, level: calibration?.level ?? 0),
                failureHorizonCycles: calibration?.horizon ?? 30, probabilityFailureWithinHorizon: interval.failureProbability, reasons: Array(reasons))
        }
        let predictedAt = now()
        await log.append((0..<engines.count).map { row in
            PredictionLog.Entry(modelVersionID: version.id, subject: PredictionSubject(source: "fleet", reference: engines[row].engine),
                                moment: predictedAt, cutoff: predictedAt, predictedAt: predictedAt,
                                probability: predictions[row].probabilityFailureWithinHorizon, expectedValue: predictions[row].remainingCycles,
                                features: Array(values[(row * width)..<((row + 1) * width)]))
        })
        return predictions
    }

    /// No engine's failure is recorded here (simulated data; an airline's removals would be), so realized quality is empty.
    public func outcomes(of subjects: [PredictionSubject], version: ModelVersion) async throws -> [PredictionSubject: Bool] { [:] }
}

/// An engine and its cycles, as a prediction request gives them.
public struct EngineRequest: Decodable, Sendable {
    /// One cycle as sent: every field optional, so that a missing one is named in the error.
    public struct Cycle: Decodable, Sendable {
        /// A number, so that one too large for an integer is refused as a bad cycle rather than as bad JSON.
        let cycle: Double?
        let settings: [Double]?
        let sensors: [Double]?
    }

    let engine: String?
    let cycles: [Cycle]?
    let model: String?

    /// `cycles` of `engine` as another module received them (Maintenance's sensor ingestion).
    public init(engine: String?, cycles: [Cycle]?) {
        self.engine = engine
        self.cycles = cycles
        model = nil
    }

    /// The history, checked: an engine name, 1 to 2,000 cycles in increasing order, each with 3 settings and 21 finite sensor readings.
    public func history(at position: Int?) throws -> (engine: String, cycles: [EngineCycle]) {
        let prefix = position.map { "engines[\($0)]." } ?? ""
        guard let engine, !engine.isEmpty, engine.count <= 64 else {
            throw ServiceError(.invalid, code: .missingField, message: "engine names the engine (1 to 64 characters).", field: prefix + "engine")
        }
        guard let cycles, (1...2000).contains(cycles.count) else {
            throw ServiceError(.invalid, code: .missingField, message: "cycles is the engine's history: 1 to 2,000 cycles.", field: prefix + "cycles")
        }
        var previous = 0
        return (engine, try cycles.enumerated().map { index, cycle in
            let field = "\(prefix)cycles[\(index)]"
            guard let value = cycle.cycle, value.rounded() == value, (1...1_000_000).contains(value), Int(value) > previous else {
                throw ServiceError(.invalid, code: .invalidCycle, message: "Each cycle needs a whole number from 1 to 1,000,000, above the one before it.",
                                   field: field + ".cycle")
            }
            let number = Int(value)
            guard let settings = cycle.settings, settings.count == 3, let sensors = cycle.sensors, sensors.count == 21,
                  (settings + sensors).allSatisfy(\.isFinite) else {
                throw ServiceError(.invalid, code: .invalidCycle, message: "Each cycle has 3 settings and 21 sensor readings, all numbers.", field: field)
            }
            previous = number
            return EngineCycle(cycle: number, settings: settings, sensors: sensors)
        })
    }
}
