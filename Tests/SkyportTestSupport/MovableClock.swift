import Foundation
import Synchronization

/// The tests' clock, moved forward by hand (offer expiry, rate-limit windows).
public final class MovableClock: Sendable {
    private let instant: Mutex<Date>

    public init(_ start: Date) {
        instant = Mutex(start)
    }

    public var now: Date { instant.withLock { $0 } }

    /// Seconds since 1970.
    public var seconds: Int64 { Int64(now.timeIntervalSince1970) }

    public func set(_ date: Date) {
        instant.withLock { $0 = date }
    }

    public func advance(by seconds: TimeInterval) {
        instant.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
