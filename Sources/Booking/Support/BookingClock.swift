import Foundation

/// The current time, passed in so that tests can move it.
public struct BookingClock: Sendable {
    private let source: @Sendable () -> Date

    public init(_ source: @escaping @Sendable () -> Date = { Date() }) {
        self.source = source
    }

    public var now: Date { source() }

    /// A clock stopped at `date`.
    public static func fixed(_ date: Date) -> BookingClock { BookingClock { date } }
}
