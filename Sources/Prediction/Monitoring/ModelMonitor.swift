import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// How a model behaves in service: feature drift against its training data, the distribution of its
/// predictions over time, and its realized quality once departures have happened.
public struct ModelMonitor: Sendable {
    let database: any Database
    let registry: ModelRegistry

    public init(database: any Database, registry: ModelRegistry) {
        self.database = database
        self.registry = registry
    }

    public struct Drift: Codable, Sendable {
        /// How far a feature moved, by the usual PSI bands.
        public enum Level: String, Codable, Sendable {
            /// PSI under 0.1.
            case stable
            /// PSI from 0.1 to under 0.25.
            case moderate
            /// PSI of 0.25 or more.
            case major

            public init(psi: Double) {
                self = psi < 0.1 ? .stable : psi < 0.25 ? .moderate : .major
            }
        }

        public struct Feature: Codable, Sendable {
            public let feature: String
            public let psi: Double
            public let level: Level
        }
        public let modelVersion: Int
        public let since: String
        public let predictions: Int
        public let features: [Feature]
    }

    /// PSI of every feature between the training data and the predictions made since `since` (at most the latest 20,000).
    public func drift(of version: ModelVersion, since: Int64) async throws -> Drift {
        guard let profile = try await registry.profile(of: version.id) else {
            throw ServiceError(.notFound, code: .modelNotFound, message: "Model \(version.version) is not registered.")
        }
        let rows = try await database.read { sql in try await PredictionLogStore.features(of: version.id, since: since, limit: 20_000, on: sql) }
        let values = rows.flatMap(PredictionLog.decode)
        let features = profile.columns.isEmpty ? [] : profile.stability(of: values).map { feature, psi in
            Drift.Feature(feature: feature, psi: (psi * 10_000).rounded() / 10_000, level: Drift.Level(psi: psi))
        }.sorted { $0.psi > $1.psi }
        return Drift(modelVersion: version.version, since: ISO8601.format(since), predictions: rows.count, features: features)
    }

    public struct Day: Codable, Sendable {
        /// The UTC date of the subjects' moments (for flights: their scheduled departures).
        public let date: String
        public let predictions: Int
        public let meanProbability: Double
        /// The share flagged (at or above the version's decision threshold): for the delay model, likely delayed.
        public let likelyDelayedShare: Double
        /// Ten bins of width 0.1.
        public let histogram: [Int]
        /// Subjects of that day whose outcome is known, and the model's quality on them.
        public let withOutcome: Int
        /// The share of those where the event happened (for the delay model: delayed).
        public let realizedDelayedShare: Double?
        public let realizedAuc: Double?
        public let realizedBrier: Double?
    }

    /// Per day of the subjects' moments, over predictions made since `since`: the prediction distribution and, where
    /// outcomes are known (`product` tells them), realized AUC and Brier (the latest prediction of each subject counts).
    public func daily(of version: ModelVersion, product: any ModelProduct, predictedSince since: Int64) async throws -> [Day] {
        let scored = try await latestWithOutcomes(of: version, product: product, since: since)
        let byDay = Dictionary(grouping: scored, by: { LocalDate(daysSinceEpoch: Int($0.row.scheduled_at / 86_400)).iso })
        return byDay.sorted { $0.key < $1.key }.map { date, entries in
            let probabilities = entries.map(\.row.probability)
            var histogram = [Int](repeating: 0, count: 10)
            for p in probabilities { histogram[min(9, Int(p * 10))] += 1 }
            let realized = Realized(entries.compactMap { entry in entry.outcome.map { (entry.row.probability, $0) } }, threshold: version.decisionThreshold)
            return Day(date: date, predictions: entries.count,
                       meanProbability: probabilities.reduce(0, +) / Double(entries.count),
                       likelyDelayedShare: Double(probabilities.filter { $0 >= version.decisionThreshold }.count) / Double(entries.count),
                       histogram: histogram, withOutcome: realized.count,
                       realizedDelayedShare: realized.metrics?.positiveRate, realizedAuc: realized.auc, realizedBrier: realized.metrics?.brier)
        }
    }

    /// Realized quality over every subject scored since `since` whose outcome is known (the latest prediction of each counts).
    public func realized(of version: ModelVersion, product: any ModelProduct, predictedSince since: Int64) async throws -> Realized {
        let scored = try await latestWithOutcomes(of: version, product: product, since: since)
        return Realized(scored.compactMap { entry in entry.outcome.map { (entry.row.probability, $0) } }, threshold: version.decisionThreshold)
    }

    /// The quality of probabilities given against what happened.
    public struct Realized: Sendable {
        public let count: Int
        public let metrics: ClassifierMetrics?
        /// Nil unless both outcomes occurred (AUC is undefined otherwise).
        public let auc: Double?

        init(_ known: [(probability: Double, happened: Bool)], threshold: Double) {
            count = known.count
            metrics = known.isEmpty ? nil : ClassifierMetrics(probabilities: known.map(\.probability), labels: known.map(\.happened), threshold: threshold)
            auc = known.contains { $0.happened } && known.contains { !$0.happened } ? metrics?.auc : nil
        }
    }

    /// The latest logged prediction of each subject since `since`, with its outcome where the product knows it.
    private func latestWithOutcomes(of version: ModelVersion, product: any ModelProduct, since: Int64)
        async throws -> [(row: PredictionLogStore.Scored, outcome: Bool?)] {
        let rows = try await database.read { sql in try await PredictionLogStore.scored(by: version.id, since: since, on: sql) }
        var latest: [PredictionSubject: PredictionLogStore.Scored] = [:]
        for row in rows { latest[PredictionSubject(source: row.source, reference: row.flight_ref)] = row }
        let outcomes = try await product.outcomes(of: Array(latest.keys), version: version)
        return latest.map { subject, row in (row, outcomes[subject]) }
    }
}
