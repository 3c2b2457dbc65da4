import Foundation

/// The versioned contract between the feature pipeline and a model: names, order and meaning.
public struct DelayFeatureSchema: Codable, Equatable, Sendable {
    /// Bumped whenever a feature is added, removed, reordered or computed differently.
    public static let currentVersion = "delay-features/1"

    /// The schema this build computes.
    public static let current = DelayFeatureSchema(version: currentVersion, features: DelayFeature.allCases.map(\.rawValue))

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
