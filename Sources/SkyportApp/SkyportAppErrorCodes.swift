import SkyportDomain

/// The error codes SkyportApp gives (its services' `ServiceError`s and `ValidationIssue`s).
extension ServiceError.Code {
    public static let replayDatabaseInUse = Self("replay_database_in_use")
    public static let replayDatabaseNotEmpty = Self("replay_database_not_empty")
}
