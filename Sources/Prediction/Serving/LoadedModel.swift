import Foundation
import SkyportDomain
import XGBoost
import Synchronization

/// A registered version with its boosters in memory.
final class LoadedModel: Sendable {
    let version: ModelVersion
    let classifier: Booster
    let minutes: Booster?

    init(version: ModelVersion, classifier: Booster, minutes: Booster?) {
        self.version = version
        self.classifier = classifier
        self.minutes = minutes
    }
}

/// Boosters already loaded, by version id: a version never changes once registered. Bounded: serving moves
/// between a few versions (champion, challenger, a rollback), never through all of them.
final class LoadedModelCache: Sendable {
    static let capacity = 8
    private let models = Mutex<[String: LoadedModel]>([:])

    func model(for version: ModelVersion, registry: ModelRegistry) async throws -> LoadedModel {
        if let cached = models.withLock({ $0[version.id] }) { return cached }
        guard version.featureSchema == .current else {
            throw ServiceError(.conflict, code: .featureSchemaMismatch,
                               message: "Model \(version.version) reads features \(version.featureSchema.version); this build computes \(DelayFeatureSchema.currentVersion).")
        }
        guard let classifierFile = try await registry.file(of: version, role: ModelVersion.probabilityRole) else {
            throw ServiceError(.unavailable, code: .modelFileMissing, message: "Model \(version.version) has no probability file.")
        }
        let classifier = try Booster(model: classifierFile)
        let minutes = try await registry.file(of: version, role: ModelVersion.minutesRole).map { try Booster(model: $0) }
        let loaded = LoadedModel(version: version, classifier: classifier, minutes: minutes)
        models.withLock { models in
            if models.count >= Self.capacity, let oldest = models.values.min(by: { $0.version.version < $1.version.version }) {
                models[oldest.version.id] = nil
            }
            models[version.id] = loaded
        }
        return loaded
    }
}

/// Which version each reference (alias, number, id) resolved to in the last second of real time.
final class RecentResolutions: Sendable {
    private let entries = Mutex<[String: (version: ModelVersion, at: ContinuousClock.Instant)]>([:])

    func version(for reference: String) -> ModelVersion? {
        entries.withLock { entries in
            guard let entry = entries[reference], ContinuousClock.now - entry.at < .seconds(1) else { return nil }
            return entry.version
        }
    }

    func store(_ version: ModelVersion, for reference: String) {
        entries.withLock { $0[reference] = (version, ContinuousClock.now) }
    }
}
