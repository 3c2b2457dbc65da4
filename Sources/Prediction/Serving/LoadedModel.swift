import Foundation
import SkyportDomain
import XGBoost
import Synchronization

/// A registered version with its boosters in memory: the product's first role's, which every version has, and the others by role.
final class LoadedModel: Sendable {
    let version: ModelVersion
    let primary: Booster
    let boosters: [String: Booster]

    init(version: ModelVersion, primary: Booster, boosters: [String: Booster]) {
        self.version = version
        self.primary = primary
        self.boosters = boosters
    }
}

/// Boosters already loaded, by version id: a version never changes once registered. Bounded: serving moves
/// between a few versions (champion, challenger, a rollback), never through all of them.
final class LoadedModelCache: Sendable {
    static let capacity = 8
    private let models = Mutex<[String: LoadedModel]>([:])

    /// The version's boosters, loaded once (its schema already checked by the server): refused when it lacks the
    /// file of the first of `roles`.
    func model(for version: ModelVersion, roles: [String], registry: ModelRegistry) async throws -> LoadedModel {
        if let cached = models.withLock({ $0[version.id] }) { return cached }
        guard let first = roles.first, let primaryFile = try await registry.file(of: version, role: first) else {
            throw ServiceError(.unavailable, code: .modelFileMissing, message: "Model \(version.version) has no \(roles.first ?? "model") file.")
        }
        var boosters: [String: Booster] = [:]
        for role in roles.dropFirst() {
            if let file = try await registry.file(of: version, role: role) { boosters[role] = try Booster(model: file) }
        }
        let loaded = LoadedModel(version: version, primary: try Booster(model: primaryFile), boosters: boosters)
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
