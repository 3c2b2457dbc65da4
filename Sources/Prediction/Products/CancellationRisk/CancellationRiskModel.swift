import Foundation
import SkyportDomain

/// The flight-cancellation-risk product: the probability that a scheduled departure is cancelled, from the schedule,
/// the origin's weather and its trend, operations at the cut-off, the cancellations of the day and of the last seven
/// days, as known six (or two) hours before.
public struct CancellationRiskModel: ModelProduct {
    public static let name: ModelName = "cancellation-risk"
    public let predictor: CancellationRiskPredictor
    /// The 2013 record the model is trained on (a departure with no departure time was cancelled).
    let history: any DepartureSource

    public init(predictor: CancellationRiskPredictor, history: any DepartureSource) {
        self.predictor = predictor
        self.history = history
    }

    public var name: ModelName { Self.name }
    public var summary: String {
        "The probability that a scheduled departure is cancelled, from the schedule, the origin's weather and its trend, operations and the day's cancellations as known 6 hours before."
    }
    public var featureSchema: FeatureSchema { CancellationFeatureSchema.current }
    public var artifactRoles: [String] { [ModelVersion.probabilityRole] }
    public var defaultLeadTimeMinutes: Int { 360 }

    public func trainingConfiguration(_ given: JSONDocument?) throws -> JSONDocument {
        let configuration = try given.map { try RequestJSON.decode(CancellationRiskConfiguration.self, from: $0, field: "configuration") }
            ?? CancellationRiskConfiguration()
        let problems = configuration.problems()
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        return try JSONDocument(configuration)
    }

    public func train(_ configuration: JSONDocument, progress: @escaping @Sendable (String) -> Void,
                      shouldStop: @escaping @Sendable () -> Bool) async throws -> ModelRegistry.Draft {
        try await CancellationRiskTrainer(source: history, shouldStop: shouldStop)
            .train(try configuration.decode(CancellationRiskConfiguration.self), progress: progress).draft
    }

    public func headline(of evaluation: JSONDocument) -> ModelHeadline? {
        guard let evaluation = try? evaluation.decode(CancellationRiskEvaluation.self), let first = evaluation.leadTimes.first else { return nil }
        func metric(_ name: String, _ higherIsBetter: Bool, _ value: (ClassifierMetrics) -> Double) -> ModelHeadline.Metric {
            .init(name: "\(name), \(first.leadTimeMinutes / 60) h ahead", higherIsBetter: higherIsBetter, model: value(first.model),
                  baselines: ["prior rate": value(first.priorRate), "schedule only": value(first.scheduleOnly),
                              "schedule + weather": value(first.scheduleAndWeather)])
        }
        return ModelHeadline(testSet: "departures \(evaluation.period), \(first.model.count) (\(String(format: "%.1f", first.model.positiveRate * 100))% cancelled)",
                             metrics: [metric("AUC", true, \.auc), metric("PR-AUC", true, \.prAuc), metric("Brier", false, \.brier)])
    }

    public func report(of version: ModelVersion) -> String? {
        guard let evaluation = try? version.evaluation?.decode(CancellationRiskEvaluation.self) else { return nil }
        return CancellationRiskReport(evaluation: evaluation, threshold: version.decisionThreshold).text
    }

    public func predict(_ body: Data) async throws -> ServedPredictions {
        let request = try RequestJSON.decode(CancellationRiskRequest.self, from: body)
        guard let flightID = request.flight_id, !flightID.isEmpty else {
            throw ServiceError(.invalid, code: .missingField, message: "Send flight_id (a flight on sale, or with source history a 2013 flight).", field: "flight_id")
        }
        if let lead = request.lead_time_minutes, !(0...1440).contains(lead) {
            throw ServiceError(.invalid, code: .invalidLeadTime, message: "lead_time_minutes must be 0 to 1440.", field: "lead_time_minutes")
        }
        return ServedPredictions(try await predictor.predict(flightID: flightID, source: request.source ?? "schedule", model: request.model ?? "champion",
                                                             leadTimeMinutes: request.lead_time_minutes), count: 1)
    }

    public func predictBatch(_ body: Data) async throws -> ServedPredictions {
        let request = try RequestJSON.decode(FlightWindowRequest.self, from: body)
        let (start, end) = try request.window()
        let scores = try await predictor.score(scheduledFrom: start, to: end, source: request.source ?? "schedule", model: request.model ?? "champion",
                                               explain: request.explain ?? false)
        return ServedPredictions(scores, count: scores.count)
    }

    /// A 2013 departure with no departure time was cancelled; a live one is known to have left once it has. (Live
    /// cancellations are not yet read from the schedule: realized quality on live flights counts only departures.)
    public func outcomes(of subjects: [PredictionSubject], version: ModelVersion) async throws -> [PredictionSubject: Bool] {
        var outcomes: [PredictionSubject: Bool] = [:]
        for (name, source) in predictor.sources {
            let references = subjects.filter { $0.source == name }.map(\.reference)
            let departed = try await source.outcomes(of: references)
            for reference in references {
                if departed[reference] != nil { outcomes[PredictionSubject(source: name, reference: reference)] = false }
                else if name == history.name { outcomes[PredictionSubject(source: name, reference: reference)] = true }
            }
        }
        return outcomes
    }
}

/// `POST /v1/predictions/cancellation-risk`: `{"flight_id": "...", "source": "schedule"|"history", "model": "champion",
/// "lead_time_minutes": 360}`.
struct CancellationRiskRequest: Decodable {
    let flight_id: String?
    let source: String?
    let model: String?
    let lead_time_minutes: Int?
}
