/// A trait and when it was set (milliseconds, by the event that set it): the newest setting wins.
public struct TraitValue: Sendable, Equatable {
    public var value: JSONValue
    public var setAt: Int64

    public init(value: JSONValue, setAt: Int64) {
        self.value = value
        self.setAt = setAt
    }
}

/// A consent decision for one purpose.
public enum ConsentPurpose: String, Sendable, CaseIterable, Codable {
    case personalization
    case marketing
}

/// What a batch of events changed, worked out in memory from the profiles it touches and then written
/// in one transaction.
public struct ProfileBatch: Sendable {
    public var graph: IdentityGraph
    public var facts: [String: ProfileFacts]
    public var traits: [String: [String: TraitValue]]
    /// The latest decision per purpose, per profile.
    public var consents: [String: [ConsentPurpose: Bool]]

    /// Profiles created by this batch, with their creation time.
    public private(set) var created: [String: Int64] = [:]
    public private(set) var merges: [(merge: IdentityResolver.Merge, at: Int64)] = []
    /// The profile each event belongs to (after every merge in the batch).
    public private(set) var eventProfiles: [Int64: String] = [:]
    /// Identifiers whose owner was set or changed.
    public private(set) var changedIdentifiers: Set<CustomerIdentifier> = []
    public private(set) var changedTraits: [String: Set<String>] = [:]
    public private(set) var consentChanges: [(profile: String, purpose: ConsentPurpose, granted: Bool, at: Int64)] = []
    /// Profiles created and merged away within this batch: never stored.
    private var transient: Set<String> = []
    /// Profiles whose events, traits or computed traits changed, with the event names they received.
    public private(set) var touched: [String: Set<String>] = [:]

    public init(graph: IdentityGraph, facts: [String: ProfileFacts], traits: [String: [String: TraitValue]],
                consents: [String: [ConsentPurpose: Bool]]) {
        self.graph = graph
        self.facts = facts
        self.traits = traits
        self.consents = consents
    }

    /// Applies events in the order they were received, those of `publicSources` as claims (see
    /// `IdentityResolver`). Events without a usable identifier are left without a profile.
    public mutating func apply(_ events: [(event: TrackedEvent, identifiers: [CustomerIdentifier])], resolver: IdentityResolver,
                               publicSources: Set<String> = [], newProfileID: () -> String) {
        for (event, identifiers) in events {
            let trusted = !(event.sourceID.map(publicSources.contains) ?? false)
            guard let resolution = resolver.resolve(identifiers, trusted: trusted, in: &graph, at: event.occurredAt,
                                                    newProfileID: newProfileID) else { continue }
            changedIdentifiers.formUnion(resolution.released)
            let profile = resolution.profile
            if resolution.created {
                created[profile] = event.occurredAt
                facts[profile] = ProfileFacts()
            }
            changedIdentifiers.formUnion(resolution.added)
            for merge in resolution.merges { absorb(merge, at: event.occurredAt) }
            eventProfiles[event.id] = profile
            touched[profile, default: []].insert(event.name ?? event.type)
            facts[profile, default: ProfileFacts()].apply(event)
            for (name, value) in event.traits where traits[profile]?[name].map({ $0.setAt <= event.occurredAt }) ?? true {
                traits[profile, default: [:]][name] = TraitValue(value: value, setAt: event.occurredAt)
                changedTraits[profile, default: []].insert(name)
            }
            if let preferences = event.message["context"]?["consent"]?["categoryPreferences"]?.objectValue {
                for purpose in ConsentPurpose.allCases {
                    guard case .bool(let granted)? = preferences[purpose.rawValue], consents[profile]?[purpose] != granted else { continue }
                    consents[profile, default: [:]][purpose] = granted
                    consentChanges.append((profile, purpose, granted, event.occurredAt))
                }
            }
        }
    }

    /// Moves everything of the merged profile into the kept one: facts combine, the newest trait wins,
    /// the kept profile's consent stands where both decided.
    private mutating func absorb(_ merge: IdentityResolver.Merge, at time: Int64) {
        let (kept, merged) = (merge.kept, merge.merged)
        merges.append((merge, time))
        changedIdentifiers.formUnion(graph.identifiers[kept] ?? [])
        if let theirs = facts.removeValue(forKey: merged) { facts[kept, default: ProfileFacts()].merge(theirs) }
        for (name, value) in traits.removeValue(forKey: merged) ?? [:] where traits[kept]?[name].map({ $0.setAt <= value.setAt }) ?? true {
            traits[kept, default: [:]][name] = value
            changedTraits[kept, default: []].insert(name)
        }
        if let theirs = consents.removeValue(forKey: merged) {
            consents[kept, default: [:]].merge(theirs) { mine, _ in mine }
        }
        consentChanges = consentChanges.map { $0.profile == merged ? (kept, $0.purpose, $0.granted, $0.at) : $0 }
        changedTraits[kept, default: []].formUnion(changedTraits.removeValue(forKey: merged) ?? [])
        touched[kept, default: []].formUnion(touched.removeValue(forKey: merged) ?? [])
        touched[kept, default: []].insert("Profiles Merged")
        for (event, profile) in eventProfiles where profile == merged { eventProfiles[event] = kept }
        if created.removeValue(forKey: merged) != nil { transient.insert(merged) }
    }

    /// The profiles merged away in this batch that existed before it (to delete from the store).
    public var mergedStoredProfiles: [String] {
        merges.map(\.merge.merged).filter { !transient.contains($0) }
    }

    /// The profile each profile merged away in this batch was merged into.
    public var mergedInto: [String: String] {
        Dictionary(merges.map { ($0.merge.merged, $0.merge.kept) }) { $1 }
    }

    /// The profile `profile` ends in, following `mergedInto`: a stored profile merged into one this
    /// batch created, which a later event merged into a third, ends in the third.
    public static func survivor(of profile: String, in mergedInto: [String: String]) -> String {
        var profile = profile
        for _ in 0...mergedInto.count {
            guard let next = mergedInto[profile] else { break }
            profile = next
        }
        return profile
    }
}
