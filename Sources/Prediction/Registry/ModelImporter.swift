import Foundation
import SkyportDomain
import XGBoost

/// Brings in a version of a product trained elsewhere (XGBoost JSON or UBJSON files, one per role), when each file
/// reads the features of the product's current schema: the same number of features and, if it names them, the same
/// names in order.
public struct ModelImporter: Sendable {
    let registry: ModelRegistry
    let product: any ModelProduct

    public init(registry: ModelRegistry, product: any ModelProduct) {
        self.registry = registry
        self.product = product
    }

    /// Registers `files` (role -> bytes; the product's first role is required, unknown roles are refused).
    public func importModel(_ files: [String: Data], decisionThreshold: Double, leadTimeMinutes: Int,
                            description: String, now: Int64) async throws -> ModelVersion {
        guard (0...1).contains(decisionThreshold) else {
            throw ServiceError(.invalid, code: .invalidThreshold, message: "The decision threshold is a probability from 0 to 1.", field: "decisionThreshold")
        }
        guard (0...1440).contains(leadTimeMinutes) else {
            throw ServiceError(.invalid, code: .invalidLeadTime, message: "The lead time must be 0 to 1440 minutes.", field: "leadTimeMinutes")
        }
        guard let required = product.artifactRoles.first, files[required] != nil else {
            throw ServiceError(.invalid, code: .missingField, message: "The \(product.name) model needs its \(product.artifactRoles.first ?? "") file.",
                               field: "\(product.artifactRoles.first ?? "")Model")
        }
        var draft = ModelRegistry.Draft(product, origin: "imported")
        for (role, bytes) in files.sorted(by: { $0.key < $1.key }) {
            guard product.artifactRoles.contains(role) else {
                throw ServiceError(.invalid, code: .invalidModelFile,
                                   message: "The \(product.name) model's files are \(product.artifactRoles.joined(separator: ", ")); \(role) is not one.", field: role)
            }
            draft.files[role] = (try check(bytes, field: "\(role)Model"), bytes)
        }
        draft.decisionThreshold = decisionThreshold
        draft.leadTimeMinutes = leadTimeMinutes
        draft.description = description.isEmpty ? "imported" : description
        return try await registry.register(draft, now: now)
    }

    /// The file's format, once it has loaded and matched the schema.
    func check(_ data: Data, field: String) throws -> String {
        let booster: Booster
        do {
            booster = try Booster(model: data)
        } catch let error as XGBoostError {
            throw ServiceError(.invalid, code: .invalidModelFile, message: "XGBoost could not load the file: \(error.message)", field: field)
        }
        let schema = product.featureSchema.features, schemaVersion = product.featureSchema.version
        let count = try booster.featureCount
        guard count == schema.count else {
            throw ServiceError(.invalid, code: .featureSchemaMismatch,
                               message: "The model reads \(count) features; \(schemaVersion) has \(schema.count).", field: field)
        }
        let names = try booster.featureNames
        if !names.isEmpty, names != schema {
            let first = zip(names, schema).first { $0 != $1 }.map { "\($0.0) where the schema has \($0.1)" } ?? "different names"
            throw ServiceError(.invalid, code: .featureSchemaMismatch,
                               message: "The model's features do not match \(schemaVersion): \(first).", field: field)
        }
        return data.first == UInt8(ascii: "{") ? "json" : "ubj"
    }
}
