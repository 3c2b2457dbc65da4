/// The part of the identity graph a batch of events touches: which profile holds each identifier, and
/// every identifier of those profiles (what the per-type limits are checked against).
///
/// An identifier is verified (a trusted source said so, or it is the browser's own anonymous id) or a
/// claim (a public source asserted it: anyone can send any email with the site's public write key). A
/// profile is verified when it holds a verified identifier other than an anonymous id.
public struct IdentityGraph: Sendable, Equatable {
    public private(set) var owners: [CustomerIdentifier: String] = [:]
    public private(set) var identifiers: [String: Set<CustomerIdentifier>] = [:]
    /// The identifiers held only on a public source's word.
    public private(set) var claims: Set<CustomerIdentifier> = []
    /// Creation time of each profile (milliseconds): a merge keeps the older profile's id.
    public private(set) var createdAt: [String: Int64] = [:]

    public init() {}

    /// Adds a stored profile with its identifiers, `claimed` those held only on a public source's word.
    public mutating func load(profile: String, createdAt time: Int64, identifiers loaded: [CustomerIdentifier],
                              claimed: Set<CustomerIdentifier> = []) {
        createdAt[profile] = time
        identifiers[profile, default: []].formUnion(loaded)
        for identifier in loaded { owners[identifier] = profile }
        claims.formUnion(claimed.intersection(loaded))
    }

    public func owner(of identifier: CustomerIdentifier) -> String? { owners[identifier] }

    public func isClaim(_ identifier: CustomerIdentifier) -> Bool { claims.contains(identifier) }

    /// Whether the profile is known through a verified identifier (a user id, email, phone or loyalty
    /// number from a trusted source): public sources' claims never merge into it.
    public func isVerified(_ profile: String) -> Bool {
        identifiers[profile]?.contains { $0.type != .anonymousID && !claims.contains($0) } ?? false
    }

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

    mutating func add(_ identifier: CustomerIdentifier, to profile: String, claim: Bool = false) {
        owners[identifier] = profile
        identifiers[profile, default: []].insert(identifier)
        if claim { claims.insert(identifier) } else { claims.remove(identifier) }
    }

    /// Takes a claim away from the profile that holds it (a trusted source names the identifier now).
    mutating func release(_ identifier: CustomerIdentifier) {
        guard let owner = owners.removeValue(forKey: identifier) else { return }
        identifiers[owner]?.remove(identifier)
        claims.remove(identifier)
    }

    /// Moves everything of `merged` into `kept`.
    mutating func merge(_ merged: String, into kept: String) {
        for identifier in identifiers.removeValue(forKey: merged) ?? [] { add(identifier, to: kept, claim: claims.contains(identifier)) }
        createdAt[merged] = nil
    }
}
