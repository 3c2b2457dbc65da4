import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// How a model behaves in service: feature drift against its training data, the distribution of its
/// predictions over time, and its realized quality once departures have happened.
public struct ModelMonitor: Sendable {
    let database: any Database
    let registry: ModelRegistry
    let sources: [String: any DepartureSource]

    public init(database: any Database, registry: ModelRegistry, sources: [any DepartureSource]) {
        self.database = database
        self.registry = registry
        self.sources = Dictionary(uniqueKeysWithValues: sources.map { ($0.name, $0) })
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
        /// The UTC date of the scheduled departures.
        public let date: String
        public let predictions: Int
        public let meanProbability: Double
        public let likelyDelayedShare: Double
        /// Ten bins of width 0.1.
        public let histogram: [Int]
        /// Departures of that day whose outcome is known, and the model's quality on them.
        public let withOutcome: Int
        public let realizedDelayedShare: Double?
        public let realizedAuc: Double?
        public let realizedBrier: Double?
    }

    /// Per day of scheduled departure, over predictions made since `since`: the prediction distribution and,
    /// where departures have happened, realized AUC and Brier (the latest prediction of each flight counts).
    public func daily(of version: ModelVersion, predictedSince since: Int64) async throws -> [Day] {
        let rows = try await database.read { sql in try await PredictionLogStore.scored(by: version.id, since: since, on: sql) }
        var latest: [String: PredictionLogStore.Scored] = [:]
        for row in rows { latest[row.source + ":" + row.flight_ref] = row }
        var outcomes: [String: Double] = [:]
        for (name, source) in sources {
            let references = latest.values.filter { $0.source == name }.map(\.flight_ref)
            for (reference, delay) in try await source.outcomes(of: references) { outcomes[name + ":" + reference] = delay }
        }
        let threshold = Double(version.parameters["delay_threshold_minutes"] ?? "") ?? 15
        let byDay = Dictionary(grouping: latest, by: { LocalDate(daysSinceEpoch: Int($0.value.scheduled_at / 86_400)).iso })
        return byDay.keys.sorted().map { date in
            let entries = byDay[date]!
            let probabilities = entries.map(\.value.probability)
            var histogram = [Int](repeating: 0, count: 10)
            for p in probabilities { histogram[min(9, Int(p * 10))] += 1 }
            let known = entries.compactMap { key, row in outcomes[key].map { (row.probability, $0 >= threshold) } }
            let metrics = known.isEmpty ? nil : ClassifierMetrics(probabilities: known.map(\.0), labels: known.map(\.1), threshold: version.decisionThreshold)
            let bothClasses = known.contains { $0.1 } && known.contains { !$0.1 }
            return Day(date: date, predictions: entries.count,
                       meanProbability: probabilities.reduce(0, +) / Double(entries.count),
                       likelyDelayedShare: Double(probabilities.filter { $0 >= version.decisionThreshold }.count) / Double(entries.count),
                       histogram: histogram, withOutcome: known.count,
                       realizedDelayedShare: metrics?.positiveRate, realizedAuc: bothClasses ? metrics?.auc : nil, realizedBrier: metrics?.brier)
        }
    }
}
