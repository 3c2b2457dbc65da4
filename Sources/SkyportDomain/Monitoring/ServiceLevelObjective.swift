/// An objective for one customer-facing route: the share of requests that must succeed (availability)
/// or be faster than a threshold (latency), over a rolling period.
public struct ServiceLevelObjective: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case availability
        case latency
    }

    /// Unique, lower case with `-` (`order-availability`).
    public let name: String
    public let kind: Kind
    public let method: String
    /// The route template as the metrics label it (`/v1/orders`, `/bookings/{id}`).
    public let route: String
    /// The target good share, such as 0.999.
    public let objective: Double
    /// For latency objectives: a request slower than this is bad. One of the duration histogram's bounds.
    public let thresholdSeconds: Double?
    public let period: MonitoringDuration
    public let runbook: String

    public init(name: String, kind: Kind, method: String, route: String, objective: Double, thresholdSeconds: Double? = nil,
                period: MonitoringDuration = MonitoringDuration(seconds: 28 * 86_400), runbook: String) {
        self.name = name
        self.kind = kind
        self.method = method
        self.route = route
        self.objective = objective
        self.thresholdSeconds = thresholdSeconds
        self.period = period
        self.runbook = runbook
    }

    /// The share of requests allowed to be bad over the period.
    public var errorBudget: Double { 1 - objective }

    /// What is wrong with the objective, in words (empty when it is sound).
    public func problems(latencyBounds: [Double]) -> [String] {
        var problems: [String] = []
        if name.isEmpty || !name.allSatisfy({ ($0.isASCII && $0.isLowercase) || $0.isNumber || $0 == "-" }) {
            problems.append("'\(name)': a name is lower case letters, digits and -")
        }
        if !(objective > 0.5 && objective < 1) { problems.append("\(name): an objective is between 0.5 and 1 (such as 0.999)") }
        if !["GET", "POST", "PUT", "PATCH", "DELETE"].contains(method) { problems.append("\(name): unknown method \(method)") }
        if !route.hasPrefix("/") { problems.append("\(name): a route starts with /") }
        switch (kind, thresholdSeconds) {
        case (.latency, nil): problems.append("\(name): a latency objective needs threshold_seconds")
        case (.latency, let threshold?) where !latencyBounds.contains(threshold):
            problems.append("\(name): threshold_seconds must be one of the histogram's bounds \(latencyBounds)")
        case (.availability, .some): problems.append("\(name): an availability objective has no threshold_seconds")
        default: break
        }
        if !(3600...(90 * 86_400)).contains(period.seconds) { problems.append("\(name): a period is 1h to 90d") }
        return problems
    }
}
