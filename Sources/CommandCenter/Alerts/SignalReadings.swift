import SkyportDomain

/// Each rule's current value per label set: what one evaluation compares with the thresholds.
public struct SignalReadings: Sendable {
    public private(set) var values: [String: [AlertLabels: Double]] = [:]

    public init() {}

    public mutating func set(_ rule: String, _ labels: AlertLabels, _ value: Double?) {
        guard let value, value.isFinite else { return }
        values[rule, default: [:]][labels] = value
    }

    public func values(of rule: String) -> [AlertLabels: Double] { values[rule] ?? [:] }
}
