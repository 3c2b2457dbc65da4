import Synchronization

/// The profiles the processor touched recently, as it last worked them out: their identifiers, facts,
/// traits and consents. Loading them from the store took a quarter of the processor's time, measured,
/// and most events belong to someone seen moments before.
///
/// It is written through as soon as a batch is worked out, before that batch is committed, so the next
/// batch can be worked out while this one is written. It is right only while this processor is the only
/// one changing profiles: every batch is checked under the cursor lock (the cursor is where this cache
/// left it, no privacy request came in between, the cache was not reset meanwhile) and worked out again
/// from the store otherwise, after a `reset()`.
final class ProfileCache: Sendable {
    struct Entry: Sendable {
        let createdAt: Int64
        let identifiers: Set<CustomerIdentifier>
        /// Those held only on a public source's word.
        let claims: Set<CustomerIdentifier>
        let facts: ProfileFacts
        let traits: [String: TraitValue]
        let consents: [ConsentPurpose: Bool]
    }

    /// What the cache reflects: the events up to `position`, the privacy requests counted `privacyRequests`.
    struct Stamp: Sendable, Equatable {
        let position: Int64
        let privacyRequests: Int
        /// Changes at every reset: work based on an earlier epoch is stale.
        let epoch: Int
    }

    /// What the last batch stored did that the store may not show yet (it may still be being written):
    /// the profile of each event, and which profiles it merged into which.
    struct Pending: Sendable {
        var eventProfiles: [Int64: String] = [:]
        var mergedInto: [String: String] = [:]
    }

    private struct State {
        var pending = Pending()
        var entries: [String: Entry] = [:]
        var owners: [CustomerIdentifier: String] = [:]
        var lastUse: [String: Int] = [:]
        var position: Int64?
        var privacyRequests = 0
        var epoch = 0
        var batch = 0

        /// Whether the cache reflects exactly `basis`; an empty one (after a reset) stands anywhere of its epoch.
        func stands(at basis: Stamp) -> Bool {
            epoch == basis.epoch && privacyRequests == basis.privacyRequests && (position ?? basis.position) == basis.position
        }
    }

    private let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int = 20_000) {
        self.capacity = capacity
    }

    /// Where the cache stands: nil when it is empty (after a reset) and the store decides where to start.
    var stamp: Stamp? {
        state.withLock { state in
            state.position.map { Stamp(position: $0, privacyRequests: state.privacyRequests, epoch: state.epoch) }
        }
    }

    var epoch: Int { state.withLock(\.epoch) }

    /// What the last batch stored did, if the cache still stands at `basis` (where that batch ended).
    func pending(at basis: Stamp) -> Pending {
        state.withLock { state in state.stands(at: basis) ? state.pending : Pending() }
    }

    /// Forgets everything.
    func reset() {
        state.withLock { state in
            state = State(epoch: state.epoch + 1)
        }
    }

    /// The profiles holding any of `identifiers` that the cache knows, and the identifiers it does not know.
    /// A batch worked out from `basis` may use only a cache that stands there: one that moved on (a
    /// batch of the same events worked out beside it, by a second caller of this processor, was
    /// stored meanwhile) would apply those events twice.
    func lookup(_ identifiers: Set<CustomerIdentifier>, at basis: Stamp) -> (entries: [String: Entry], unknown: [CustomerIdentifier]) {
        state.withLock { state in
            guard state.stands(at: basis) else { return ([:], Array(identifiers)) }
            var entries: [String: Entry] = [:]
            var unknown: [CustomerIdentifier] = []
            for identifier in identifiers {
                if let profile = state.owners[identifier], let entry = state.entries[profile] {
                    entries[profile] = entry
                } else {
                    unknown.append(identifier)
                }
            }
            return (entries, unknown)
        }
    }

    /// Records what the batch of the events after `position` up to `last` worked out. Refused (false) when
    /// the cache was reset since `epoch`; refused with a reset when the cache stands elsewhere than
    /// `position` (the batch was worked out beside another one).
    @discardableResult
    func store(_ batch: ProfileBatch, after position: Int64, last: Int64, privacyRequests: Int, epoch: Int) -> Bool {
        state.withLock { state in
            guard state.epoch == epoch else { return false }
            guard state.position == nil || state.position == position else {
                state = State(epoch: state.epoch + 1)
                return false
            }
            state.batch += 1
            state.pending = Pending(eventProfiles: batch.eventProfiles, mergedInto: batch.mergedInto)
            for (merge, _) in batch.merges {
                remove(merge.merged, from: &state)
            }
            for (profile, facts) in batch.facts {
                let identifiers = batch.graph.identifiers[profile] ?? []
                if let old = state.entries[profile] {
                    for identifier in old.identifiers.subtracting(identifiers) { state.owners[identifier] = nil }
                }
                state.entries[profile] = Entry(createdAt: batch.created[profile] ?? batch.graph.createdAt[profile] ?? 0, identifiers: identifiers,
                                               claims: identifiers.intersection(batch.graph.claims), facts: facts, traits: batch.traits[profile] ?? [:], consents: batch.consents[profile] ?? [:])
                for identifier in identifiers { state.owners[identifier] = profile }
                state.lastUse[profile] = state.batch
            }
            state.position = last
            state.privacyRequests = privacyRequests
            evict(&state)
            return true
        }
    }

    private func remove(_ profile: String, from state: inout State) {
        guard let entry = state.entries.removeValue(forKey: profile) else { return }
        for identifier in entry.identifiers where state.owners[identifier] == profile { state.owners[identifier] = nil }
        state.lastUse[profile] = nil
    }

    /// Drops the least recently used profiles above capacity, never one of the last two batches (the
    /// next batch may be worked out against them before the last one is committed).
    private func evict(_ state: inout State) {
        guard state.entries.count > capacity else { return }
        let keep = capacity * 3 / 4
        let victims = state.lastUse.filter { $0.value < state.batch - 1 }.sorted { $0.value < $1.value }
            .prefix(state.entries.count - keep).map(\.key)
        for profile in victims { remove(profile, from: &state) }
    }
}
