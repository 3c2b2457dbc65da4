/// Deterministic identity resolution for one event, over the graph as it stands.
///
/// Identifiers are taken in priority order (user id, loyalty number, email, phone, anonymous id). The
/// first one decides the profile: its owner, or a new profile. Each further identifier joins that
/// profile: unknown ones are added while the per-type limit allows; one held by another profile merges
/// the two when their union stays within every limit, and is dropped from the event otherwise (a
/// second user id on a shared browser starts its own profile instead of taking over the first).
public struct IdentityResolver: Sendable {
    public let rules: IdentityRules

    public init(rules: IdentityRules = .standard) {
        self.rules = rules
    }

    /// Two profiles became one.
    public struct Merge: Sendable, Equatable {
        public let kept: String
        public let merged: String
        /// The identifier both were found by.
        public let reason: CustomerIdentifier

        public init(kept: String, merged: String, reason: CustomerIdentifier) {
            self.kept = kept
            self.merged = merged
            self.reason = reason
        }
    }

    /// What resolving one event decided.
    public struct Resolution: Sendable, Equatable {
        public var profile: String
        public var created: Bool
        public var added: [CustomerIdentifier]
        public var merges: [Merge]
        /// Identifiers left off the profile because a limit or a conflict forbade them.
        public var dropped: [CustomerIdentifier]
    }

    /// Resolves `identifiers` against `graph` and applies the outcome to it. `newProfileID` names a profile
    /// when one must be created. Returns nil for an event without a usable identifier.
    public func resolve(_ identifiers: [CustomerIdentifier], in graph: inout IdentityGraph, at time: Int64,
                        newProfileID: () -> String) -> Resolution? {
        let ordered = Array(Set(identifiers)).sorted()
        guard let first = ordered.first else { return nil }
        var resolution: Resolution
        if let owner = graph.owner(of: first) {
            resolution = Resolution(profile: owner, created: false, added: [], merges: [], dropped: [])
        } else {
            let profile = newProfileID()
            graph.create(profile, at: time)
            graph.add(first, to: profile)
            resolution = Resolution(profile: profile, created: true, added: [first], merges: [], dropped: [])
        }
        for identifier in ordered.dropFirst() {
            let profile = resolution.profile
            switch graph.owner(of: identifier) {
            case profile?:
                continue
            case nil:
                if graph.count(identifier.type, in: profile) < rules.limit(identifier.type) {
                    graph.add(identifier, to: profile)
                    resolution.added.append(identifier)
                } else {
                    resolution.dropped.append(identifier)
                }
            case let other?:
                guard graph.canMerge(profile, other, rules: rules) else {
                    resolution.dropped.append(identifier)
                    continue
                }
                if resolution.created {
                    // The profile only began with this event: the existing one takes its identifiers,
                    // and nothing was merged.
                    let fresh = resolution.added
                    graph.merge(profile, into: other)
                    resolution.profile = other
                    resolution.created = false
                    resolution.added = fresh
                } else {
                    let (kept, merged) = older(profile, other, in: graph)
                    graph.merge(merged, into: kept)
                    resolution.merges.append(Merge(kept: kept, merged: merged, reason: identifier))
                    resolution.profile = kept
                }
            }
        }
        return resolution
    }

    private func older(_ first: String, _ second: String, in graph: IdentityGraph) -> (kept: String, merged: String) {
        let a = graph.createdAt[first] ?? .max, b = graph.createdAt[second] ?? .max
        return (a, first) <= (b, second) ? (first, second) : (second, first)
    }
}
