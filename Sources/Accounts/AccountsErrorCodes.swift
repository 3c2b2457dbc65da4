import SkyportDomain

/// The error codes Accounts gives (its services' `ServiceError`s and `ValidationIssue`s).
extension ServiceError.Code {
    public static let customerNotFound = Self("customer_not_found")
    public static let invalidCredentials = Self("invalid_credentials")
    public static let invalidLanguage = Self("invalid_language")
    public static let passwordTooLong = Self("password_too_long")
    public static let passwordTooShort = Self("password_too_short")
    public static let tooManyAttempts = Self("too_many_attempts")
    /// An operator token's rights are `operations`, `finance` or both.
    public static let invalidRights = Self("invalid_rights")
}
