import Foundation
import SkyportDomain

/// The departure-delay product: the probability that a departure leaves 15 minutes late or more and the expected
/// minutes, from the schedule, the origin's weather and operations as known a lead time before it.
public struct DelayModel: ModelProduct {
    public static let name: ModelName = "delay"
    /// The classifier's file, then the expected-minutes regressor's (optional).
    static let roles = [ModelVersion.probabilityRole, ModelVersion.minutesRole]
    /// Serves predictions (also to Operations, which acts on them).
    public let predictor: DelayPredictor
    /// The 2013 record the model is trained on.
    let history: any DepartureSource

    public init(predictor: DelayPredictor, history: any DepartureSource) {
        self.predictor = predictor
        self.history = history
    }

    public var name: ModelName { Self.name }
    public var summary: String {
        "The probability that a departure leaves 15 minutes late or more, and the expected minutes, from the schedule, the origin's weather and operations as known 2 hours before."
    }
    public var featureSchema: FeatureSchema { DelayFeatureSchema.current }
    public var artifactRoles: [String] { Self.roles }
    public var defaultLeadTimeMinutes: Int { DelayFeatureBuilder.defaultLeadTimeMinutes }

    public func trainingConfiguration(_ given: JSONDocument?) throws -> JSONDocument {
        let configuration = try given.map { try RequestJSON.decode(TrainingConfiguration.self, from: $0, field: "configuration") } ?? TrainingConfiguration()
        let problems = configuration.problems()
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        return try JSONDocument(configuration)
    }

    public func train(_ configuration: JSONDocument, progress: @escaping @Sendable (String) -> Void,
                      shouldStop: @escaping @Sendable () -> Bool) async throws -> ModelRegistry.Draft {
        try await DelayModelTrainer(source: history, shouldStop: shouldStop)
            .train(try configuration.decode(TrainingConfiguration.self), progress: progress).draft
    }

    public func headline(of evaluation: JSONDocument) -> ModelHeadline? {
        guard let evaluation = try? evaluation.decode(DelayModelEvaluation.self) else { return nil }
        let c = evaluation.classifier
        let baselines = [("prior rate", c.priorRate), ("schedule only", c.scheduleOnly), ("schedule + weather", c.scheduleAndWeather)]
        return ModelHeadline(testSet: "departures \(evaluation.period), \(c.model.count) with a known outcome", metrics: [
            .init(name: "AUC", higherIsBetter: true, model: c.model.auc, baselines: Dictionary(uniqueKeysWithValues: baselines.map { ($0.0, $0.1.auc) })),
            .init(name: "PR-AUC", higherIsBetter: true, model: c.model.prAuc, baselines: Dictionary(uniqueKeysWithValues: baselines.map { ($0.0, $0.1.prAuc) })),
            .init(name: "Brier", higherIsBetter: false, model: c.model.brier, baselines: Dictionary(uniqueKeysWithValues: baselines.map { ($0.0, $0.1.brier) })),
            .init(name: "expected minutes RMSE", higherIsBetter: false, model: evaluation.minutes.model.rmse,
                  baselines: ["training median": evaluation.minutes.median.rmse, "schedule only": evaluation.minutes.scheduleOnly.rmse]),
        ])
    }

    public func report(of version: ModelVersion) -> String? {
        guard let evaluation = try? version.evaluation?.decode(DelayModelEvaluation.self) else { return nil }
        return EvaluationReport(evaluation: evaluation, threshold: version.decisionThreshold).text
    }

    public func predict(_ body: Data) async throws -> ServedPredictions {
        ServedPredictions(try await DelayRequest.decode(body).predict(with: predictor), count: 1)
    }

    public func predictBatch(_ body: Data) async throws -> ServedPredictions {
        let request = try RequestJSON.decode(FlightWindowRequest.self, from: body)
        let (start, end) = try request.window()
        let scores = try await predictor.score(scheduledFrom: start, to: end, source: request.source ?? "schedule", model: request.model ?? "champion",
                                               explain: request.explain ?? false)
        return ServedPredictions(scores, count: scores.count)
    }

    public func outcomes(of subjects: [PredictionSubject], version: ModelVersion) async throws -> [PredictionSubject: Bool] {
        let threshold = Double(version.parameters["delay_threshold_minutes"] ?? "") ?? 15
        var outcomes: [PredictionSubject: Bool] = [:]
        for (name, source) in predictor.sources {
            let references = subjects.filter { $0.source == name }.map(\.reference)
            for (reference, delay) in try await source.outcomes(of: references) {
                outcomes[PredictionSubject(source: name, reference: reference)] = delay >= threshold
            }
        }
        return outcomes
    }
}
