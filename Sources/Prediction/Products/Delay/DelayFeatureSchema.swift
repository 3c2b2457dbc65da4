/// The delay model's feature schema.
public enum DelayFeatureSchema {
    /// Bumped whenever a feature is added, removed, reordered or computed differently.
    public static let currentVersion = "delay-features/1"

    /// The schema this build computes.
    public static let current = FeatureSchema(version: currentVersion, features: DelayFeature.allCases.map(\.rawValue))
}
