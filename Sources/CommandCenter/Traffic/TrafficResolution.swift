/// The two resolutions request figures are kept at: minutes for two days, hours for 35 days (long enough
/// for 28-day objectives).
public enum TrafficResolution: Sendable, CaseIterable {
    case minute
    case hour

    /// The table's name: one of two fixed identifiers, never taken from input.
    var table: String { self == .minute ? "traffic_minutes" : "traffic_hours" }
    public var seconds: Int64 { self == .minute ? 60 : 3600 }
    public var retentionSeconds: Int64 { self == .minute ? 2 * 86_400 : 35 * 86_400 }

    public func periodStart(of time: Int64) -> Int64 { time - ((time % seconds) + seconds) % seconds }
}
