/// The route groups revenue is reported by: a flight's great-circle distance puts it in one.
public enum RouteGroup: String, Sendable, Codable, CaseIterable {
    /// Under 800 miles.
    case shortHaul = "short_haul"
    /// 800 to 2,199 miles.
    case mediumHaul = "medium_haul"
    /// 2,200 miles and more.
    case longHaul = "long_haul"

    public init(distanceMiles: Int) {
        self = distanceMiles < 800 ? .shortHaul : distanceMiles < 2200 ? .mediumHaul : .longHaul
    }
}
