/// One registered version of a model product: its booster files (for the delay model a classifier for "delayed 15
/// minutes or more" and, usually, a regressor for the expected minutes) with everything needed to trust and reproduce it.
public struct ModelVersion: Codable, Sendable, Equatable {
    /// A stored model file.
    public struct Artifact: Codable, Sendable, Equatable {
        /// One of the product's roles (`probability`, `minutes`, ...).
        public let role: String
        /// `ubj` or `json`.
        public let format: String
        public let sha256: String
        public let byteCount: Int
    }

    /// The periods of the time-based split the model was trained and measured on.
    public struct DataPeriod: Codable, Sendable, Equatable {
        public let train: TrainingConfiguration.Period?
        public let validation: TrainingConfiguration.Period?
        public let test: TrainingConfiguration.Period?
        public let trainingRows: Int?
    }

    public let id: String
    public let modelName: String
    public let version: Int
    /// `trained` here, or `imported` from a file trained elsewhere.
    public let origin: String
    public let createdAt: Int64
    public let featureSchema: FeatureSchema
    public let parameters: [String: String]
    public let dataPeriod: DataPeriod
    /// SHA-256 of the training matrix and labels (empty for imported models).
    public let dataFingerprint: String
    /// How long before the subject's moment (a departure) its features are read; 0 where the product has no such moment.
    public let leadTimeMinutes: Int
    /// Probability at or above which a subject is flagged (for the delay model: as delayed; chosen on the validation period).
    public let decisionThreshold: Double
    /// The product's evaluation on held-out data, beside its baselines (the product reads it as its own type).
    public let evaluation: JSONDocument?
    public let description: String
    public let artifacts: [Artifact]
    /// Aliases that point at this version now (`champion`, `challenger`, ...).
    public var aliases: [String]

    /// The role of a classifier's file.
    public static let probabilityRole = "probability"
    /// The role of the delay model's expected-minutes regressor.
    public static let minutesRole = "minutes"
}

/// The aliases of a model and where each points, with the history of their moves.
public struct AliasMove: Codable, Sendable, Equatable {
    public let alias: String
    public let fromVersion: Int?
    public let toVersion: Int
    public let movedBy: String
    public let movedAt: Int64
}
