import SkyportDomain

/// What a route-demand training job uses. Read from JSON, every field optional.
public struct RouteDemandConfiguration: Codable, Sendable, Equatable {
    /// The record's days the series span (`YYYY-MM-DD`, inclusive).
    public var firstDate = "2013-01-01"
    public var lastDate = "2013-12-31"
    /// The last days are held out: the evaluation forecasts them from the days before.
    public var testDays = 28
    /// A route enters when it was flown on at least this many days (thinner routes have no weekly pattern to learn).
    public var minimumDays = 330
    /// The busiest routes only, when above 0.
    public var maximumRoutes = 0
    /// The intervals' level.
    public var level = 0.95

    public init() {}

    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        firstDate = try container.decodeIfPresent(String.self, forKey: .firstDate) ?? firstDate
        lastDate = try container.decodeIfPresent(String.self, forKey: .lastDate) ?? lastDate
        testDays = try container.decodeIfPresent(Int.self, forKey: .testDays) ?? testDays
        minimumDays = try container.decodeIfPresent(Int.self, forKey: .minimumDays) ?? minimumDays
        maximumRoutes = try container.decodeIfPresent(Int.self, forKey: .maximumRoutes) ?? maximumRoutes
        level = try container.decodeIfPresent(Double.self, forKey: .level) ?? level
    }

    /// The period, once both dates are valid and at least ten weeks apart with room for the test days.
    public var period: (first: LocalDate, last: LocalDate)? {
        guard let first = LocalDate(iso: firstDate), let last = LocalDate(iso: lastDate),
              last.daysSinceEpoch - first.daysSinceEpoch + 1 >= testDays + 70 else { return nil }
        return (first, last)
    }

    public func problems() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if !(7...90).contains(testDays) { issues.append(.init(code: .invalidParameter, field: "testDays", message: "testDays must be 7 to 90.")) }
        if (7...90).contains(testDays), period == nil {
            issues.append(.init(code: .invalidParameter, field: "lastDate",
                                message: "firstDate and lastDate are dates (YYYY-MM-DD) at least testDays + 70 days apart."))
        }
        if !(1...366).contains(minimumDays) { issues.append(.init(code: .invalidParameter, field: "minimumDays", message: "minimumDays must be 1 to 366.")) }
        if !(0...1000).contains(maximumRoutes) { issues.append(.init(code: .invalidParameter, field: "maximumRoutes", message: "maximumRoutes must be 0 to 1,000.")) }
        if !(level >= 0.5 && level <= 0.99) { issues.append(.init(code: .invalidParameter, field: "level", message: "level must be 0.5 to 0.99.")) }
        return issues
    }
}
