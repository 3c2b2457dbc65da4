import Foundation
import SkyportDomain
import XGBoost

/// Brings in a model trained elsewhere (an XGBoost JSON or UBJSON file), when it reads the features of
/// the current schema: the same number of features and, if it names them, the same names in order.
public struct ModelImporter: Sendable {
    let registry: ModelRegistry

    public init(registry: ModelRegistry) {
        self.registry = registry
    }

    public func importModel(probability: Data, minutes: Data?, decisionThreshold: Double, leadTimeMinutes: Int,
                            description: String, now: Int64) async throws -> ModelVersion {
        guard (0...1).contains(decisionThreshold) else {
            throw ServiceError(.invalid, code: .invalidThreshold, message: "The decision threshold is a probability from 0 to 1.", field: "decisionThreshold")
        }
        guard (0...1440).contains(leadTimeMinutes) else {
            throw ServiceError(.invalid, code: .invalidLeadTime, message: "The lead time must be 0 to 1440 minutes.", field: "leadTimeMinutes")
        }
        var draft = ModelRegistry.Draft(origin: "imported")
        draft.files[ModelVersion.probabilityRole] = (try Self.check(probability, field: "probabilityModel"), probability)
        if let minutes { draft.files[ModelVersion.minutesRole] = (try Self.check(minutes, field: "minutesModel"), minutes) }
        draft.decisionThreshold = decisionThreshold
        draft.leadTimeMinutes = leadTimeMinutes
        draft.description = description.isEmpty ? "imported" : description
        return try await registry.register(draft, now: now)
    }

    /// The file's format, once it has loaded and matched the schema.
    static func check(_ data: Data, field: String) throws -> String {
        let booster: Booster
        do {
            booster = try Booster(model: data)
        } catch let error as XGBoostError {
            throw ServiceError(.invalid, code: .invalidModelFile, message: "XGBoost could not load the file: \(error.message)", field: field)
        }
        let schema = DelayFeatureSchema.current.features
        let count = try booster.featureCount
        guard count == schema.count else {
            throw ServiceError(.invalid, code: .featureSchemaMismatch,
                               message: "The model reads \(count) features; \(DelayFeatureSchema.currentVersion) has \(schema.count).", field: field)
        }
        let names = try booster.featureNames
        if !names.isEmpty, names != schema {
            let first = zip(names, schema).first { $0 != $1 }.map { "\($0.0) where the schema has \($0.1)" } ?? "different names"
            throw ServiceError(.invalid, code: .featureSchemaMismatch,
                               message: "The model's features do not match \(DelayFeatureSchema.currentVersion): \(first).", field: field)
        }
        return data.first == UInt8(ascii: "{") ? "json" : "ubj"
    }
}
