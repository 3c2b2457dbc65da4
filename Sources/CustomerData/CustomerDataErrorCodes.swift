import SkyportDomain

/// The error codes CustomerData gives (its services' `ServiceError`s and `ValidationIssue`s).
extension ServiceError.Code {
    public static let duplicateKey = Self("duplicate_key")
    public static let invalidField = Self("invalid_field")
    public static let invalidIdentifier = Self("invalid_identifier")
    public static let invalidRule = Self("invalid_rule")
    public static let invalidSource = Self("invalid_source")
    public static let invalidType = Self("invalid_type")
    public static let missingDecision = Self("missing_decision")
    public static let missingEvent = Self("missing_event")
    public static let missingGroupID = Self("missing_group_id")
    public static let missingPreviousID = Self("missing_previous_id")
    public static let numberOutOfRange = Self("number_out_of_range")
    public static let segmentExists = Self("segment_exists")
    public static let tooDeep = Self("too_deep")
}
