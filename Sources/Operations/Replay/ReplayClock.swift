import Foundation
import Synchronization

/// The time a replay has reached. The replay moves it forward as it plays the day; every service of the
/// process reads it instead of the wall clock, so the day's flights are ahead of it and sellable.
public final class ReplayClock: Sendable {
    private let seconds: Mutex<Int64>

    public init(at start: Int64) {
        seconds = Mutex(start)
    }

    /// Seconds since 1970.
    public var now: Int64 { seconds.withLock { $0 } }

    public var date: Date { Date(timeIntervalSince1970: TimeInterval(now)) }

    /// Moves to `instant`; never back.
    public func move(to instant: Int64) {
        seconds.withLock { $0 = max($0, instant) }
    }
}
