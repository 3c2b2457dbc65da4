import Foundation
import SkyportDomain

/// Serves the cancellation-risk model: one flight by id, or every departure of a window, each read at the version's
/// lead time (the earliest it was trained at: six hours) or the one a request names. Features come from the same
/// `CancellationFeatureBuilder` the model was trained with.
public struct CancellationRiskPredictor: Sendable {
    let sources: [String: any DepartureSource]
    /// The same sources with airport timelines kept in memory, for single predictions.
    let cachedSources: [String: any DepartureSource]
    let server: ModelServer
    let log: PredictionLog
    let now: @Sendable () -> Int64

    public init(registry: ModelRegistry, sources: [any DepartureSource], log: PredictionLog, now: @escaping @Sendable () -> Int64) {
        self.sources = Dictionary(uniqueKeysWithValues: sources.map { ($0.name, $0) })
        cachedSources = Dictionary(uniqueKeysWithValues: sources.map { ($0.name, CachingDepartureSource($0, now: now)) })
        server = ModelServer(name: CancellationRiskModel.name, schema: CancellationFeatureSchema.current, roles: [ModelVersion.probabilityRole],
                             registry: registry)
        self.log = log
        self.now = now
    }

    func source(_ name: String, cached: Bool) throws -> any DepartureSource {
        guard let source = (cached ? cachedSources : sources)[name] else {
            throw ServiceError(.invalid, code: .unknownSource, message: "The source is \(sources.keys.sorted().joined(separator: " or ")).", field: "source")
        }
        return source
    }

    /// One flight's risk, as known `leadTimeMinutes` before it (default: the version's) or now, if that is earlier.
    public func predict(flightID: String, source sourceName: String, model reference: String = "champion",
                        leadTimeMinutes: Int? = nil) async throws -> CancellationRiskPrediction {
        let source = try source(sourceName, cached: true)
        guard let departure = try await source.departure(reference: flightID) else {
            throw ServiceError(.notFound, code: .flightNotFound, message: "No \(sourceName == "history" ? "2013 " : "")flight has id \(flightID).", field: "flight_id")
        }
        let scores = try await score([departure], source: source, sourceName: sourceName, model: reference, leadTimeMinutes: leadTimeMinutes,
                                     explain: true, logged: true)
        return scores.predictions[0]
    }

    /// Every departure scheduled in `[start, end)` from `source`, each as known at the version's lead time (reasons
    /// with `explain`).
    public func score(scheduledFrom start: Int64, to end: Int64, source sourceName: String, model reference: String = "champion",
                      explain: Bool = false, logged: Bool = true) async throws -> CancellationRiskScores {
        let source = try source(sourceName, cached: false)
        let departures = try await source.departures(scheduledFrom: start, to: end)
        return try await score(departures, source: source, sourceName: sourceName, model: reference, leadTimeMinutes: nil, explain: explain,
                               logged: logged)
    }

    /// `departures` from the source named `sourceName`, each as known `leadTimeMinutes` before it (default: the
    /// version's) or now, if that is earlier: how operations rescore the departures ahead.
    public func score(_ departures: [ScheduledDeparture], source sourceName: String, model reference: String = "champion",
                      leadTimeMinutes: Int? = nil, explain: Bool = true, logged: Bool = true) async throws -> CancellationRiskScores {
        try await score(departures, source: try source(sourceName, cached: false), sourceName: sourceName, model: reference,
                        leadTimeMinutes: leadTimeMinutes, explain: explain, logged: logged)
    }

    private func score(_ departures: [ScheduledDeparture], source: any DepartureSource, sourceName: String, model reference: String,
                       leadTimeMinutes: Int?, explain: Bool, logged: Bool) async throws -> CancellationRiskScores {
        // Resolved first, so that an unknown model is refused before any feature is built.
        let resolved = try await server.resolve(reference)
        guard !departures.isEmpty else {
            return CancellationRiskScores(model: .init(name: CancellationRiskModel.name.rawValue, version: resolved.version.version,
                                                       id: resolved.version.id, alias: resolved.alias), count: 0, likelyCancelled: 0, predictions: [])
        }
        let lead = leadTimeMinutes ?? resolved.version.leadTimeMinutes
        let rows = try await FlightDatasetBuilder(source: source, builder: CancellationFeatureBuilder())
            .rows(departures, leadTimeMinutes: lead, now: now(), withOutcomes: false)
        let width = CancellationFeatureBuilder.width
        let (version, alias, probabilities) = try await server.score(rows.values, rows: rows.count, reference: reference)
        let contributions = explain ? try await server.score(rows.values, rows: rows.count, reference: reference, contributions: true).outputs : []
        let model = DelayPrediction.Model(name: CancellationRiskModel.name.rawValue, version: version.version, id: version.id, alias: alias)
        let predictions = (0..<rows.count).map { row -> CancellationRiskPrediction in
            let departure = rows.departures[row], probability = Double(probabilities[row])
            let features = rows.values[(row * width)..<((row + 1) * width)]
            let shap = explain ? contributions[(row * (width + 1))..<((row + 1) * (width + 1))] : []
            let reasons = (0..<(explain ? width : 0)).compactMap { index -> DelayPrediction.Reason? in
                let contribution = shap[shap.startIndex + index], value = features[features.startIndex + index]
                guard contribution > 0.05, !value.isNaN else { return nil }
                return .init(feature: CancellationFeatureSchema.names[index], value: Double(value),
                             phrase: CancellationReasons.phrase(index, value: value, origin: departure.origin, carrier: departure.carrier),
                             contribution: Double(contribution))
            }.sorted { $0.contribution > $1.contribution }.prefix(3)
            return CancellationRiskPrediction(
                model: model,
                flight: .init(source: sourceName, id: departure.reference, carrier: departure.carrier, flightNumber: departure.flightNumber,
                              origin: departure.origin, destination: departure.destination, scheduledDeparture: ISO8601.format(departure.scheduledAt)),
                featuresAsOf: ISO8601.format(rows.cutoffs[row]), leadTimeMinutes: lead, probabilityCancelled: probability,
                likelyCancelled: probability >= version.decisionThreshold, decisionThreshold: version.decisionThreshold, reasons: Array(reasons))
        }
        if logged {
            let predictedAt = now()
            await log.append((0..<rows.count).map { row in
                PredictionLog.Entry(modelVersionID: version.id, subject: PredictionSubject(source: sourceName, reference: rows.departures[row].reference),
                                    moment: rows.departures[row].scheduledAt, cutoff: rows.cutoffs[row], predictedAt: predictedAt,
                                    probability: Double(probabilities[row]), expectedValue: nil,
                                    features: Array(rows.values[(row * width)..<((row + 1) * width)]))
            })
        }
        return CancellationRiskScores(model: model, count: rows.count, likelyCancelled: predictions.filter(\.likelyCancelled).count, predictions: predictions)
    }
}
