/// The time ranges the command center shows, and how finely each is charted (about 60 points).
public enum BoardRange: String, Sendable, CaseIterable {
    case fifteenMinutes = "15m"
    case hour = "1h"
    case sixHours = "6h"
    case day = "24h"
    case week = "7d"

    public var seconds: Int64 {
        switch self {
        case .fifteenMinutes: 900
        case .hour: 3600
        case .sixHours: 6 * 3600
        case .day: 86_400
        case .week: 7 * 86_400
        }
    }

    public var resolution: TrafficResolution { self == .week ? .hour : .minute }

    /// Seconds per chart point.
    public var step: Int64 {
        switch self {
        case .fifteenMinutes, .hour: 60
        case .sixHours: 360
        case .day: 1440
        case .week: 3 * 3600
        }
    }

    /// The first period shown at `now`.
    public func since(now: Int64) -> Int64 { (now - seconds + step) / step * step }
}
