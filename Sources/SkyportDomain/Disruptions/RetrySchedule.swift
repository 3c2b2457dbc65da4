/// When a failed delivery is tried again: exponential backoff from `firstDelaySeconds`, doubling up to
/// `maximumDelaySeconds`, for at most `attempts` tries in all; after the last it goes to the dead letters.
public struct RetrySchedule: Sendable, Equatable, Codable {
    public var attempts: Int
    public var firstDelaySeconds: Int
    public var maximumDelaySeconds: Int

    /// 8 tries over about two hours: 30 s, 1, 2, 4, 8, 16 and 32 minutes between them.
    public static let standard = RetrySchedule(attempts: 8, firstDelaySeconds: 30, maximumDelaySeconds: 3600)

    public init(attempts: Int, firstDelaySeconds: Int, maximumDelaySeconds: Int) {
        self.attempts = attempts
        self.firstDelaySeconds = firstDelaySeconds
        self.maximumDelaySeconds = maximumDelaySeconds
    }

    /// Seconds to wait after failed try number `attempt` (from 1), or nil when it was the last.
    public func delay(afterAttempt attempt: Int) -> Int? {
        guard attempt >= 1, attempt < attempts else { return nil }
        let doublings = min(attempt - 1, 30)
        return min(maximumDelaySeconds, firstDelaySeconds << doublings)
    }
}
