import Foundation

/// What a rule is evaluated against: one profile as it stands at `now`.
public struct SegmentSubject: Sendable {
    public let traits: [String: JSONValue]
    public let computed: [String: JSONValue]
    /// The profile's events of the names the rules read, within their longest window.
    public let events: [TrackedEvent]
    /// Milliseconds since 1970.
    public let now: Int64

    public init(traits: [String: JSONValue], computed: [String: JSONValue], events: [TrackedEvent], now: Int64) {
        self.traits = traits
        self.computed = computed
        self.events = events
        self.now = now
    }
}

extension SegmentRule {
    /// Whether `subject` belongs to the segment.
    public func matches(_ subject: SegmentSubject) -> Bool {
        switch self {
        case .all(let rules): return rules.allSatisfy { $0.matches(subject) }
        case .any(let rules): return rules.contains { $0.matches(subject) }
        case .not(let rule): return !rule.matches(subject)
        case .trait(let name, let op, let value): return Self.compare(subject.traits[name], op, value)
        case .computed(let name, let op, let value): return Self.compare(subject.computed[name], op, value)
        case .event(let name, let properties, let days, let atLeast):
            let since = subject.now - Int64(days) * 86_400_000
            var count = 0
            for event in subject.events where event.name == name && event.occurredAt >= since && event.occurredAt <= subject.now {
                let actual = event.properties
                if properties.allSatisfy({ Self.same(actual[$0.key], $0.value) }) {
                    count += 1
                    if count >= atLeast { return true }
                }
            }
            return false
        }
    }

    /// Strings compare without case (airport codes, tiers); numbers by value.
    static func same(_ actual: JSONValue?, _ expected: JSONValue) -> Bool {
        guard let actual else { return false }
        if case .number(let number) = expected { return actual.number == number }
        if case .string(let text) = expected, let other = actual.string { return other.caseInsensitiveCompare(text) == .orderedSame }
        return actual == expected
    }

    static func compare(_ actual: JSONValue?, _ op: Operator, _ expected: JSONValue?) -> Bool {
        let present = actual.map { $0 != .null } ?? false
        switch op {
        case .exists: return present
        case .equals: return expected.map { same(actual, $0) } ?? false
        case .notEquals: return !(expected.map { same(actual, $0) } ?? false)
        case .gt, .gte, .lt, .lte:
            guard let left = actual?.number, let right = expected?.number else { return false }
            switch op {
            case .gt: return left > right
            case .gte: return left >= right
            case .lt: return left < right
            default: return left <= right
            }
        case .contains:
            guard let expected else { return false }
            if case .array(let list)? = actual { return list.contains { same($0, expected) } }
            if let text = actual?.string, let part = expected.string { return text.localizedCaseInsensitiveContains(part) }
            return false
        case .in:
            guard case .array(let list)? = expected else { return false }
            return list.contains { same(actual, $0) }
        }
    }
}
