/// The part of the identity graph a batch of events touches: which profile holds each identifier, and
/// every identifier of those profiles (what the per-type limits are checked against).
public struct IdentityGraph: Sendable, Equatable {
    public private(set) var owners: [CustomerIdentifier: String] = [:]
    public private(set) var identifiers: [String: Set<CustomerIdentifier>] = [:]
    /// Creation time of each profile (milliseconds): a merge keeps the older profile's id.
    public private(set) var createdAt: [String: Int64] = [:]

    public init() {}

    /// Adds a stored profile with its identifiers.
    public mutating func load(profile: String, createdAt time: Int64, identifiers loaded: [CustomerIdentifier]) {
        createdAt[profile] = time
        identifiers[profile, default: []].formUnion(loaded)
        for identifier in loaded { owners[identifier] = profile }
    }

    public func owner(of identifier: CustomerIdentifier) -> String? { owners[identifier] }

    func count(_ type: IdentifierType, in profile: String) -> Int {
        identifiers[profile]?.reduce(0) { $0 + ($1.type == type ? 1 : 0) } ?? 0
    }

    /// Whether the union of both profiles' identifiers stays within every per-type limit.
    func canMerge(_ first: String, _ second: String, rules: IdentityRules) -> Bool {
        let union = (identifiers[first] ?? []).union(identifiers[second] ?? [])
        var counts: [IdentifierType: Int] = [:]
        for identifier in union { counts[identifier.type, default: 0] += 1 }
        return counts.allSatisfy { $0.value <= rules.limit($0.key) }
    }

    mutating func create(_ profile: String, at time: Int64) {
        createdAt[profile] = time
        identifiers[profile] = []
    }

    mutating func add(_ identifier: CustomerIdentifier, to profile: String) {
        owners[identifier] = profile
        identifiers[profile, default: []].insert(identifier)
    }

    /// Moves everything of `merged` into `kept`.
    mutating func merge(_ merged: String, into kept: String) {
        for identifier in identifiers.removeValue(forKey: merged) ?? [] { add(identifier, to: kept) }
        createdAt[merged] = nil
    }
}
