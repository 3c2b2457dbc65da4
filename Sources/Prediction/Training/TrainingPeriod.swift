import SkyportDomain

/// A period of a time-based split: dates, both ends included (for flights, the origin's local date of departure).
public struct TrainingPeriod: Codable, Sendable, Equatable, CustomStringConvertible {
    public let from: String
    public let to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }

    public var firstDay: LocalDate? { LocalDate(iso: from) }
    public var lastDay: LocalDate? { LocalDate(iso: to) }
    public var description: String { "\(from)..\(to)" }

    func contains(_ date: LocalDate) -> Bool {
        guard let firstDay, let lastDay else { return false }
        return date >= firstDay && date <= lastDay
    }

    /// The reasons three periods cannot make a time-based split: a date that is not YYYY-MM-DD, a period that ends
    /// before it starts, or periods out of order.
    public static func problems(train: TrainingPeriod, validation: TrainingPeriod, test: TrainingPeriod) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        let periods = [("train", train), ("validation", validation), ("test", test)]
        for (name, period) in periods {
            guard let first = period.firstDay, let last = period.lastDay else {
                issues.append(.init(code: .invalidPeriod, field: name, message: "\(name) needs dates as YYYY-MM-DD."))
                continue
            }
            if last < first { issues.append(.init(code: .invalidPeriod, field: name, message: "\(name) ends before it starts.")) }
        }
        if issues.isEmpty, let trainEnd = train.lastDay, let validationStart = validation.firstDay, let validationEnd = validation.lastDay,
           let testStart = test.firstDay {
            if validationStart <= trainEnd { issues.append(.init(code: .overlappingPeriods, field: "validation", message: "The validation period must start after the training period.")) }
            if testStart <= validationEnd { issues.append(.init(code: .overlappingPeriods, field: "test", message: "The test period must start after the validation period.")) }
        }
        return issues
    }
}
