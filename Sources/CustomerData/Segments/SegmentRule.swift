import Foundation
import SkyportDomain

/// A segment's membership rule, written in JSON:
///
/// ```json
/// {"all": [
///   {"event": "Products Searched", "where": {"origin": "JFK", "destination": "LAX"}, "within_days": 7},
///   {"not": {"event": "Order Completed", "within_days": 7}}
/// ]}
/// ```
///
/// - `{"all": [...]}`, `{"any": [...]}`, `{"not": rule}` combine rules.
/// - `{"trait": name, "op": op, "value": v}` tests a trait the person set; `{"computed": name, ...}` a
///   computed trait (`trips_booked`, `total_spend`, `last_search`, `favourite_destination`,
///   `days_since_last_booking`). `op` is `equals`, `not_equals`, `exists`, `gt`, `gte`, `lt`, `lte`,
///   `contains` or `in`.
/// - `{"event": name, "where": {property: value}, "within_days": n, "at_least": k}` holds when at least
///   `k` (default 1) such events happened in the last `n` days (1 to 365).
public indirect enum SegmentRule: Sendable, Equatable {
    case all([SegmentRule])
    case any([SegmentRule])
    case not(SegmentRule)
    case trait(name: String, op: Operator, value: JSONValue?)
    case computed(name: String, op: Operator, value: JSONValue?)
    case event(name: String, properties: [String: JSONValue], withinDays: Int, atLeast: Int)

    public enum Operator: String, Sendable, CaseIterable {
        case equals, notEquals = "not_equals", exists, gt, gte, lt, lte, contains, `in`
    }

    /// Reads and checks a rule; every problem is reported with its path (`rule.all[1].within_days`).
    public init(_ value: JSONValue, field: String = "rule") throws {
        var issues: [ValidationIssue] = []
        let rule = Self.parse(value, field: field, depth: 0, issues: &issues)
        guard issues.isEmpty, let rule else { throw ValidationFailure(issues) }
        self = rule
    }

    private static func parse(_ value: JSONValue, field: String, depth: Int, issues: inout [ValidationIssue]) -> SegmentRule? {
        func fail(_ message: String, _ path: String = field) -> SegmentRule? {
            issues.append(ValidationIssue(code: .invalidRule, field: path, message: message))
            return nil
        }
        guard depth < 8 else { return fail("Rules may nest at most 8 levels.") }
        guard let object = value.objectValue, object.count >= 1 else { return fail("A rule is an object such as {\"all\": [...]}.") }
        if let key = ["all", "any"].first(where: { object[$0] != nil }) {
            guard case .array(let list)? = object[key], !list.isEmpty, list.count <= 50 else { return fail("\(key) takes 1 to 50 rules.", "\(field).\(key)") }
            let parsed = list.enumerated().map { parse($1, field: "\(field).\(key)[\($0)]", depth: depth + 1, issues: &issues) }
            let rules = parsed.compactMap { $0 }
            guard rules.count == parsed.count else { return nil }
            return key == "all" ? .all(rules) : .any(rules)
        }
        if let inner = object["not"] {
            return parse(inner, field: "\(field).not", depth: depth + 1, issues: &issues).map { .not($0) }
        }
        if let kind = ["trait", "computed"].first(where: { object[$0] != nil }) {
            guard let name = object[kind]?.string, !name.isEmpty else { return fail("\(kind) names a trait.", "\(field).\(kind)") }
            if kind == "computed", !ComputedTraits.names.contains(name) {
                return fail("Unknown computed trait; one of \(ComputedTraits.names.sorted().joined(separator: ", ")).", "\(field).computed")
            }
            guard let op = Operator(rawValue: object["op"]?.string ?? "") else {
                return fail("op is one of \(Operator.allCases.map(\.rawValue).joined(separator: ", ")).", "\(field).op")
            }
            let operand = object["value"]
            if op != .exists, operand == nil { return fail("op \(op.rawValue) compares with a value.", "\(field).value") }
            if op == .in, case .array? = operand {} else if op == .in { return fail("op in takes an array.", "\(field).value") }
            return kind == "trait" ? .trait(name: name, op: op, value: operand) : .computed(name: name, op: op, value: operand)
        }
        if let nameValue = object["event"] {
            guard let name = nameValue.string, !name.isEmpty else { return fail("event names an event, such as Products Searched.", "\(field).event") }
            guard let days = object["within_days"]?.number, days == days.rounded(), (1...365).contains(days) else {
                return fail("within_days is a whole number of days from 1 to 365.", "\(field).within_days")
            }
            let atLeast = object["at_least"]?.number ?? 1
            guard atLeast == atLeast.rounded(), (1...10_000).contains(atLeast) else { return fail("at_least is a whole number from 1.", "\(field).at_least") }
            var properties: [String: JSONValue] = [:]
            if let filter = object["where"] {
                guard let filter = filter.objectValue else { return fail("where is an object of property values.", "\(field).where") }
                properties = filter
            }
            return .event(name: name, properties: properties, withinDays: Int(days), atLeast: Int(atLeast))
        }
        return fail("A rule has one of all, any, not, trait, computed or event.")
    }

    /// The JSON form (what `init(_:)` reads).
    public var json: JSONValue {
        switch self {
        case .all(let rules): return .object(["all": .array(rules.map(\.json))])
        case .any(let rules): return .object(["any": .array(rules.map(\.json))])
        case .not(let rule): return .object(["not": rule.json])
        case .trait(let name, let op, let value), .computed(let name, let op, let value):
            var object: [String: JSONValue] = [isTrait ? "trait" : "computed": .string(name), "op": .string(op.rawValue)]
            if let value { object["value"] = value }
            return .object(object)
        case .event(let name, let properties, let days, let atLeast):
            var object: [String: JSONValue] = ["event": .string(name), "within_days": .number(Double(days)), "at_least": .number(Double(atLeast))]
            if !properties.isEmpty { object["where"] = .object(properties) }
            return .object(object)
        }
    }

    private var isTrait: Bool {
        if case .trait = self { return true }
        return false
    }

    /// The event names the rule reads (events of other names never change its outcome).
    public var eventNames: Set<String> {
        switch self {
        case .all(let rules), .any(let rules): return rules.reduce(into: []) { $0.formUnion($1.eventNames) }
        case .not(let rule): return rule.eventNames
        case .event(let name, _, _, _): return [name]
        case .trait, .computed: return []
        }
    }

    /// Whether the rule reads traits or computed traits (which any identify or order may change).
    public var readsTraits: Bool {
        switch self {
        case .all(let rules), .any(let rules): return rules.contains(where: \.readsTraits)
        case .not(let rule): return rule.readsTraits
        case .event: return false
        case .trait, .computed: return true
        }
    }

    /// The longest event window, in days (0 without event rules).
    public var longestWindowDays: Int {
        switch self {
        case .all(let rules), .any(let rules): return rules.map(\.longestWindowDays).max() ?? 0
        case .not(let rule): return rule.longestWindowDays
        case .event(_, _, let days, _): return days
        case .trait, .computed: return 0
        }
    }
}
