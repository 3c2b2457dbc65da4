import Foundation

/// The versioned contract between a product's feature pipeline and its models: names, order and meaning.
public struct FeatureSchema: Codable, Equatable, Sendable {
    /// Bumped whenever a feature is added, removed, reordered or computed differently.
    public let version: String
    public let features: [String]

    public init(version: String, features: [String]) {
        self.version = version
        self.features = features
    }

    /// SHA-256 of the version and the ordered names: two models with the same fingerprint read the same vectors.
    public var fingerprint: String {
        ModelRegistry.sha256(Data(([version] + features).joined(separator: "\n").utf8))
    }
}
