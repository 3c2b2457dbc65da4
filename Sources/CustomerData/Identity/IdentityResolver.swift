/// Deterministic identity resolution for one event, over the graph as it stands.
///
/// Identifiers are taken in priority order (user id, loyalty number, email, phone, anonymous id). The
/// first one decides the profile: its owner, or a new profile. Each further identifier joins that
/// profile: unknown ones are added while the per-type limit allows; one held by another profile merges
/// the two when their union stays within every limit, and is dropped from the event otherwise (a
/// second user id on a shared browser starts its own profile instead of taking over the first).
///
/// An event from a public source (its write key is on every page) is not believed beyond the browser's own
/// anonymous id: that id decides the profile; every other identifier is a claim, added where nobody holds it
/// and otherwise dropped: a claim never merges two profiles, and never makes an event join a verified
/// profile. An event from a trusted source takes its identifiers back from any claim first, so an email
/// that an attacker claimed before its owner signed up never links the attacker to the owner.
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
        /// Claims a trusted event took back from the profiles that held them.
        public var released: [CustomerIdentifier] = []
    }

    /// Resolves `identifiers` against `graph` and applies the outcome to it: as a trusted source's, or as a
    /// public source's when `trusted` is false. `newProfileID` names a profile when one must be created.
    /// Returns nil for an event without a usable identifier (or, from a public source, one that names only a
    /// verified person).
    public func resolve(_ identifiers: [CustomerIdentifier], trusted: Bool = true, in graph: inout IdentityGraph, at time: Int64,
                        newProfileID: () -> String) -> Resolution? {
        guard trusted else { return resolveClaims(identifiers, in: &graph, at: time, newProfileID: newProfileID) }
        let ordered = Array(Set(identifiers)).sorted()
        let released = ordered.filter(graph.isClaim)
        for identifier in released { graph.release(identifier) }
        guard let first = ordered.first else { return nil }
        var resolution: Resolution
        if let owner = graph.owner(of: first) {
            resolution = Resolution(profile: owner, created: false, added: [], merges: [], dropped: [], released: released)
        } else {
            let profile = newProfileID()
            graph.create(profile, at: time)
            graph.add(first, to: profile)
            resolution = Resolution(profile: profile, created: true, added: [first], merges: [], dropped: [], released: released)
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

    /// A public source's event: the anonymous id (else its first identifier, as a claim) decides the profile,
    /// and the rest are claims.
    private func resolveClaims(_ identifiers: [CustomerIdentifier], in graph: inout IdentityGraph, at time: Int64,
                               newProfileID: () -> String) -> Resolution? {
        let ordered = Array(Set(identifiers)).sorted()
        guard let anchor = ordered.first(where: { $0.type == .anonymousID }) ?? ordered.first else { return nil }
        let anchorIsClaim = anchor.type != .anonymousID
        var resolution: Resolution
        if let owner = graph.owner(of: anchor) {
            // Naming a verified person is not enough to write into their profile.
            if anchorIsClaim, graph.isVerified(owner) { return nil }
            resolution = Resolution(profile: owner, created: false, added: [], merges: [], dropped: [])
        } else {
            let profile = newProfileID()
            graph.create(profile, at: time)
            graph.add(anchor, to: profile, claim: anchorIsClaim)
            resolution = Resolution(profile: profile, created: true, added: [anchor], merges: [], dropped: [])
        }
        for identifier in ordered where identifier != anchor {
            switch graph.owner(of: identifier) {
            case resolution.profile?:
                continue
            case nil where graph.count(identifier.type, in: resolution.profile) < rules.limit(identifier.type):
                graph.add(identifier, to: resolution.profile, claim: true)
                resolution.added.append(identifier)
            default:
                resolution.dropped.append(identifier)
            }
        }
        return resolution
    }

    private func older(_ first: String, _ second: String, in graph: IdentityGraph) -> (kept: String, merged: String) {
        let a = graph.createdAt[first] ?? .max, b = graph.createdAt[second] ?? .max
        return (a, first) <= (b, second) ? (first, second) : (second, first)
    }
}
