import Synchronization

/// The events the processor read most recently, parsed: segment rules read a profile's recent events
/// again on every batch that touches it, and reading and parsing them from the store again took a
/// quarter of the processor's time, measured. Events never change once stored, so a cached event is
/// right for as long as it exists; after any privacy request (an erasure) the whole cache is dropped,
/// so no erased event stays in memory.
final class RecentEvents: Sendable {
    private struct State {
        var events: [Int64: TrackedEvent] = [:]
        /// Insertion order, oldest first from `head`, to evict.
        var order: [Int64] = []
        var head = 0
        /// The privacy requests counted when the cache was filled.
        var privacyRequests = 0
    }

    private let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int = 30_000) {
        self.capacity = capacity
    }

    /// Forgets everything when the number of privacy requests changed since the cache was filled.
    func check(privacyRequests: Int) {
        state.withLock { state in
            guard state.privacyRequests != privacyRequests else { return }
            state = State(privacyRequests: privacyRequests)
        }
    }

    func remember(_ events: [TrackedEvent]) {
        state.withLock { state in
            for event in events where state.events.updateValue(event, forKey: event.id) == nil {
                state.order.append(event.id)
            }
            while state.order.count - state.head > capacity {
                state.events[state.order[state.head]] = nil
                state.head += 1
            }
            // Compacts the order list once its evicted part dominates.
            if state.head > capacity {
                state.order.removeFirst(state.head)
                state.head = 0
            }
        }
    }

    /// The cached events among `ids`, and the ids not cached.
    func lookup(_ ids: [Int64]) -> (found: [Int64: TrackedEvent], missing: [Int64]) {
        state.withLock { state in
            var found: [Int64: TrackedEvent] = [:]
            var missing: [Int64] = []
            for id in ids {
                if let event = state.events[id] { found[id] = event } else { missing.append(id) }
            }
            return (found, missing)
        }
    }
}
