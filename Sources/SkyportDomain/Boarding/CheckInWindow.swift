/// When online check-in is open for a flight: from 24 hours to 60 minutes before its departure.
public enum CheckInWindow {
    public static let opensBefore: Int64 = 24 * 3_600
    public static let closesBefore: Int64 = 60 * 60

    /// Where `now` stands against the window of a flight leaving at `departure` (seconds since 1970).
    public enum Position: String, Sendable, Equatable {
        case notYetOpen = "not_yet_open", open, closed
    }

    public static func position(now: Int64, departure: Int64) -> Position {
        if now < departure - opensBefore { return .notYetOpen }
        if now > departure - closesBefore { return .closed }
        return .open
    }
}
