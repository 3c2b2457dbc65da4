import Foundation
import SkyportDomain
import XGBoost

/// Serving for one product: resolves what a request names (an alias, a version number or an id) to a registered
/// version and its boosters in memory. Resolutions are kept for a second, so an alias move reaches every instance
/// within a second without a registry read per prediction; boosters are loaded once per version.
public struct ModelServer: Sendable {
    let name: ModelName
    let schema: FeatureSchema
    let roles: [String]
    let registry: ModelRegistry
    let cache = LoadedModelCache()
    let resolutions = RecentResolutions()

    /// Serves `name`'s versions that read `schema`; each has the file of the first of `roles`, the others optional.
    public init(name: ModelName, schema: FeatureSchema, roles: [String], registry: ModelRegistry) {
        self.name = name
        self.schema = schema
        self.roles = roles
        self.registry = registry
    }

    /// The serving shape of `product`.
    public init(_ product: any ModelProduct, registry: ModelRegistry) {
        self.init(name: product.name, schema: product.featureSchema, roles: product.artifactRoles, registry: registry)
    }

    /// The version `reference` names with the alias when the reference was one, its files not loaded: `404
    /// model_not_found` when nothing matches, `409 feature_schema_mismatch` when it reads another schema than this
    /// build's. Resolutions are kept for a second.
    func version(_ reference: String) async throws -> (version: ModelVersion, alias: String?) {
        let version: ModelVersion?
        if let recent = resolutions.version(for: reference) {
            version = recent
        } else {
            version = try await registry.resolve(name.rawValue, reference)
            if let version { resolutions.store(version, for: reference) }
        }
        guard let version else {
            let hint = reference == "champion" ? " Train one with `skyport train \(name) --promote champion`." : ""
            throw ServiceError(.notFound, code: .modelNotFound, message: "The \(name) model has no version or alias \"\(reference)\".\(hint)", field: "model")
        }
        guard version.featureSchema == schema else {
            throw ServiceError(.conflict, code: .featureSchemaMismatch,
                               message: "Model \(version.version) reads features \(version.featureSchema.version); this build computes \(schema.version).")
        }
        return (version, ModelRegistry.isAlias(reference) ? reference : nil)
    }

    /// The version `reference` names, its boosters loaded, with the alias when the reference was one.
    func model(_ reference: String) async throws -> (LoadedModel, alias: String?) {
        let (version, alias) = try await version(reference)
        return (try await cache.model(for: version, roles: roles, registry: registry), alias)
    }

    /// The version `reference` names with the alias when it was one, its boosters loaded; `404 model_not_found` when
    /// nothing matches.
    public func resolve(_ reference: String) async throws -> (version: ModelVersion, alias: String?) {
        let (model, alias) = try await model(reference)
        return (model.version, alias)
    }

    /// Scores `rows` feature vectors (`values` row after row, NaN where unknown) with the booster of `role` (nil: the
    /// first role's) of the version `reference` names: the version, the alias asked for, and one output per row
    /// (`contributions` gives SHAP values instead: features + 1 per row, the last the bias).
    public func score(_ values: [Float], rows: Int, reference: String, role: String? = nil, contributions: Bool = false)
        async throws -> (version: ModelVersion, alias: String?, outputs: [Float]) {
        let (model, alias) = try await model(reference)
        guard let booster = role.map({ $0 == roles.first ? model.primary : model.boosters[$0] }) ?? model.primary else {
            throw ServiceError(.unavailable, code: .modelFileMissing, message: "Model \(model.version.version) has no \(role ?? "") file.")
        }
        let matrix = try DMatrix(values: values, rows: rows, columns: schema.features.count)
        return (model.version, alias, try booster.predict(matrix, kind: contributions ? .contributions : .value))
    }
}
