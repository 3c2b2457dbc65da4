import Foundation
import SkyportDomain
import XGBoost

/// Serves the delay model: one flight by id, explicit features, or every departure in a window.
/// Features come from the same `DelayFeatureBuilder` the model was trained with.
public struct DelayPredictor: Sendable {
    let registry: ModelRegistry
    let sources: [String: any DepartureSource]
    /// The same sources with airport timelines kept in memory, for single predictions.
    let cachedSources: [String: any DepartureSource]
    let log: PredictionLog
    let server: ModelServer
    let now: @Sendable () -> Int64
    /// The registry's name of the model served (`DelayModel.name`).
    public static let modelName = DelayModel.name.rawValue

    public init(registry: ModelRegistry, sources: [any DepartureSource], log: PredictionLog, now: @escaping @Sendable () -> Int64) {
        self.registry = registry
        self.sources = Dictionary(uniqueKeysWithValues: sources.map { ($0.name, $0) })
        cachedSources = Dictionary(uniqueKeysWithValues: sources.map { ($0.name, CachingDepartureSource($0, now: now)) })
        self.log = log
        server = ModelServer(name: DelayModel.name, schema: DelayFeatureSchema.current, roles: DelayModel.roles, registry: registry)
        self.now = now
    }

    /// The model a request names: an alias, a version number or an id.
    func model(_ reference: String) async throws -> (LoadedModel, alias: String?) {
        try await server.model(reference)
    }

    func source(_ name: String, cached: Bool = false) throws -> any DepartureSource {
        guard let source = (cached ? cachedSources : sources)[name] else {
            throw ServiceError(.invalid, code: .unknownSource, message: "The source is \(sources.keys.sorted().joined(separator: " or ")).", field: "source")
        }
        return source
    }

    /// Predicts one flight, with features as known `leadTimeMinutes` before its departure (or now, if that is earlier).
    public func predict(flightID: String, source sourceName: String, model reference: String = "champion",
                        leadTimeMinutes: Int? = nil) async throws -> DelayPrediction {
        let (model, alias) = try await model(reference)
        let source = try source(sourceName, cached: true)
        guard let departure = try await source.departure(reference: flightID) else {
            throw ServiceError(.notFound, code: .flightNotFound, message: "No \(sourceName == "history" ? "2013 " : "")flight has id \(flightID).", field: "flight_id")
        }
        let lead = leadTimeMinutes ?? model.version.leadTimeMinutes
        let dataset = try await DelayDatasetBuilder(source: source).build([departure], leadTimeMinutes: lead, now: now(), withOutcomes: false)
        let scored = try score(dataset, with: model, explain: true)
        await log.append(entries(dataset, scored, model: model, source: sourceName))
        return scored[0].prediction(model: model, alias: alias, departure: departure, source: sourceName,
                                    cutoff: dataset.cutoffs[0], leadTimeMinutes: lead)
    }

    /// Predicts from features the caller gives (every feature of the schema; null where unknown).
    public func predict(features: [String: FeatureInput], model reference: String = "champion") async throws -> DelayPrediction {
        let vector = try FeatureInput.vector(features)
        let (model, alias) = try await model(reference)
        let dataset = DelayDataset(departures: [], values: vector, delays: [nil], cutoffs: [0])
        let scored = try score(dataset, rows: 1, with: model, explain: true)
        var origin = "the origin", carrier = "the airline"
        if case .code(let code)? = features["origin"] { origin = code.uppercased() }
        if case .code(let code)? = features["carrier"] { carrier = code.uppercased() }
        return scored[0].prediction(model: model, alias: alias, origin: origin, carrier: carrier)
    }

    /// Every departure scheduled in `[start, end)` from `source`, each as known at its lead time.
    public func score(scheduledFrom start: Int64, to end: Int64, source sourceName: String, model reference: String = "champion",
                      explain: Bool = false) async throws -> BatchScores {
        let started = Date()
        let departures = try await source(sourceName).departures(scheduledFrom: start, to: end)
        return try await score(departures, source: sourceName, model: reference, explain: explain, started: started)
    }

    /// `departures` of `source`, each as known at its lead time (or now, if that is earlier). `logged: false`
    /// keeps them out of the prediction log (a rescoring loop would otherwise log every flight every few minutes).
    public func score(_ departures: [ScheduledDeparture], source sourceName: String, model reference: String = "champion",
                      explain: Bool = false, logged: Bool = true, started: Date = Date()) async throws -> BatchScores {
        let (model, alias) = try await model(reference)
        let source = try source(sourceName)
        let dataset = try await DelayDatasetBuilder(source: source)
            .build(departures, leadTimeMinutes: model.version.leadTimeMinutes, now: now(), withOutcomes: false)
        let featureSeconds = Date().timeIntervalSince(started)
        let scoringStarted = Date()
        let scored = dataset.count == 0 ? [] : try score(dataset, with: model, explain: explain)
        let scoringSeconds = Date().timeIntervalSince(scoringStarted)
        if logged { await log.append(entries(dataset, scored, model: model, source: sourceName)) }
        return BatchScores(
            model: .init(name: Self.modelName, version: model.version.version, id: model.version.id, alias: alias),
            count: dataset.count, likelyDelayed: scored.filter { $0.probability >= model.version.decisionThreshold }.count,
            featureSeconds: featureSeconds, scoringSeconds: scoringSeconds,
            predictions: scored.indices.map { index in
                scored[index].prediction(model: model, alias: alias, departure: dataset.departures[index], source: sourceName,
                                         cutoff: dataset.cutoffs[index], leadTimeMinutes: model.version.leadTimeMinutes)
            })
    }

    // MARK: - Scoring

    struct Scored {
        let probability: Double
        let minutes: Double?
        let contributions: ArraySlice<Float>?
        let features: ArraySlice<Float>

        func prediction(model: LoadedModel, alias: String?, departure: ScheduledDeparture? = nil, source: String? = nil,
                        cutoff: Int64? = nil, leadTimeMinutes: Int? = nil, origin: String? = nil, carrier: String? = nil) -> DelayPrediction {
            let version = model.version
            let reasons: [DelayPrediction.Reason] = contributions.map { contributions in
                DelayFeature.allCases.compactMap { feature -> DelayPrediction.Reason? in
                    let contribution = contributions[contributions.startIndex + feature.index]
                    let value = features[features.startIndex + feature.index]
                    guard contribution > 0.05, !value.isNaN else { return nil }
                    return .init(feature: feature.rawValue, value: Double(value),
                                 phrase: ReasonPhrases.phrase(feature, value: value, origin: departure?.origin ?? origin ?? "the origin",
                                                              carrier: departure?.carrier ?? carrier ?? "the airline"),
                                 contribution: Double(contribution))
                }.sorted { $0.contribution > $1.contribution }.prefix(3).map { $0 }
            } ?? []
            return DelayPrediction(
                model: .init(name: DelayPredictor.modelName, version: version.version, id: version.id, alias: alias),
                flight: .init(source: source, id: departure?.reference, carrier: departure?.carrier, flightNumber: departure?.flightNumber,
                              origin: departure?.origin, destination: departure?.destination,
                              scheduledDeparture: departure.map { ISO8601.format($0.scheduledAt) }),
                featuresAsOf: cutoff.map(ISO8601.format), leadTimeMinutes: leadTimeMinutes,
                probabilityDelayed: probability,
                delayThresholdMinutes: Int(version.parameters["delay_threshold_minutes"] ?? "") ?? 15,
                likelyDelayed: probability >= version.decisionThreshold, decisionThreshold: version.decisionThreshold,
                expectedDelayMinutes: minutes.map { ($0 * 10).rounded() / 10 }, reasons: reasons)
        }
    }

    func score(_ dataset: DelayDataset, rows: Int? = nil, with model: LoadedModel, explain: Bool) throws -> [Scored] {
        let count = rows ?? dataset.count
        let matrix = try DMatrix(values: dataset.values, rows: count, columns: DelayDataset.width)
        let probabilities = try model.classifier.predict(matrix)
        let minutes = try model.minutes?.predict(matrix)
        let contributions = explain ? try model.classifier.predict(matrix, kind: .contributions) : nil
        let stride = DelayDataset.width + 1
        return (0..<count).map { row in
            Scored(probability: Double(probabilities[row]), minutes: minutes.map { max(0, Double($0[row])) },
                   contributions: contributions.map { $0[(row * stride)..<((row + 1) * stride)] },
                   features: dataset.values[(row * DelayDataset.width)..<((row + 1) * DelayDataset.width)])
        }
    }

    func entries(_ dataset: DelayDataset, _ scored: [Scored], model: LoadedModel, source: String) -> [PredictionLog.Entry] {
        let predictedAt = now()
        return scored.indices.map { index in
            PredictionLog.Entry(modelVersionID: model.version.id, source: source, flightReference: dataset.departures[index].reference,
                                scheduledAt: dataset.departures[index].scheduledAt, cutoffAt: dataset.cutoffs[index], predictedAt: predictedAt,
                                probability: scored[index].probability, expectedMinutes: scored[index].minutes,
                                features: Array(dataset.row(index)))
        }
    }
}

/// The scores of a window of departures.
public struct BatchScores: Codable, Sendable {
    public let model: DelayPrediction.Model
    public let count: Int
    public let likelyDelayed: Int
    /// Reading the schedule, weather and departures, and building every row's features.
    public let featureSeconds: Double
    /// The model alone: both boosters over every row (and SHAP when asked).
    public let scoringSeconds: Double
    public let predictions: [DelayPrediction]
}

/// Instants as ISO 8601 UTC text (`2013-02-08T17:05:00Z`), without a formatter: batch scoring writes two a row.
enum ISO8601 {
    static func format(_ seconds: Int64) -> String {
        let days = Int((seconds >= 0 ? seconds : seconds - 86_399) / 86_400)
        let second = Int(seconds - Int64(days) * 86_400)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(LocalDate(daysSinceEpoch: days).iso)T\(two(second / 3600)):\(two(second % 3600 / 60)):\(two(second % 60))Z"
    }
}

extension LoadedModel {
    /// The delay model's classifier ("delayed 15 minutes or more").
    var classifier: Booster { primary }
    /// The delay model's regressor of expected minutes, when the version has one.
    var minutes: Booster? { boosters[ModelVersion.minutesRole] }
}
