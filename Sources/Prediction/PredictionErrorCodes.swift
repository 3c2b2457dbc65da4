import SkyportDomain

/// The error codes Prediction gives (its services' `ServiceError`s and `ValidationIssue`s).
extension ServiceError.Code {
    public static let configMalformed = Self("config_malformed")
    public static let configNotFound = Self("config_not_found")
    public static let featureSchemaMismatch = Self("feature_schema_mismatch")
    public static let invalidAlias = Self("invalid_alias")
    public static let invalidCode = Self("invalid_code")
    public static let invalidModelFile = Self("invalid_model_file")
    public static let invalidParameter = Self("invalid_parameter")
    public static let invalidPeriod = Self("invalid_period")
    public static let invalidWindow = Self("invalid_window")
    public static let invalidThreshold = Self("invalid_threshold")
    public static let missingFeature = Self("missing_feature")
    public static let modelDirectoryNotConfigured = Self("model_directory_not_configured")
    public static let modelFileCorrupt = Self("model_file_corrupt")
    public static let modelFileMissing = Self("model_file_missing")
    public static let notEnoughData = Self("not_enough_data")
    public static let overlappingPeriods = Self("overlapping_periods")
    public static let trainingJobNotFound = Self("training_job_not_found")
    public static let trainingJobNotRecorded = Self("training_job_not_recorded")
    public static let trainingJobNotRestartable = Self("training_job_not_restartable")
    public static let unknownFeature = Self("unknown_feature")
    public static let unknownModel = Self("unknown_model")
    public static let unknownSource = Self("unknown_source")
}
