import Logging

/// The request being served, as a task-local, so that every log line written while serving it
/// (by any module, through any logger) carries its `request_id`.
public enum RequestScope {
    @TaskLocal public static var requestID: String?

    /// Give this to `LoggingSystem.bootstrap` (and to log handlers) to add `request_id` to log lines.
    public static let metadataProvider = Logger.MetadataProvider {
        guard let requestID else { return [:] }
        return ["request_id": .string(requestID)]
    }
}
