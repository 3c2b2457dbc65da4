/// A named audience and its rule.
public struct Segment: Sendable, Equatable {
    public let id: String
    public let name: String
    public let description: String
    public let rule: SegmentRule
    /// Milliseconds since 1970.
    public let createdAt: Int64
    public let updatedAt: Int64

    public init(id: String, name: String, description: String, rule: SegmentRule, createdAt: Int64, updatedAt: Int64) {
        self.id = id
        self.name = name
        self.description = description
        self.rule = rule
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Whether events of `names` (or a change of traits) may change a profile's membership.
    func dependsOn(_ names: Set<String>) -> Bool {
        rule.readsTraits || names.contains("Profiles Merged") || !rule.eventNames.isDisjoint(with: names)
    }
}
