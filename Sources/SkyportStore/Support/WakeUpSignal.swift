import Synchronization

/// Wakes a background loop early (a new observation for the disruption engine) and otherwise lets it
/// sleep until its next scheduled pass. Signals while it is busy coalesce into one, with the union of
/// what they were about (the airports with new observations).
public final class WakeUpSignal: Sendable {
    struct State {
        var signalled = false
        var keys = Set<String>()
        var waiter: CheckedContinuation<Void, Never>?
        var generation = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// Wakes the waiting loop, telling it what changed.
    public func signal(_ keys: some Sequence<String> = [String]()) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.signalled = true
            state.keys.formUnion(keys)
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// Returns after a signal, `seconds`, or the task's cancellation, whichever comes first: whether it was
    /// signalled, and the keys of every signal since the last wait. One loop waits at a time.
    public func wait(seconds: Double) async -> (signalled: Bool, keys: Set<String>) {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let generation = state.withLock { state -> Int? in
                    if state.signalled || Task.isCancelled { return nil }
                    state.generation += 1
                    state.waiter = continuation
                    return state.generation
                }
                guard let generation else { return continuation.resume() }
                Task { [weak self] in
                    try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                    self?.release(generation: generation)
                }
            }
        } onCancel: {
            release(generation: nil)
        }
        return state.withLock { state in
            defer { state.signalled = false; state.keys = [] }
            return (state.signalled, state.keys)
        }
    }

    /// Resumes the waiter of `generation` (any waiter when nil).
    private func release(generation: Int?) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard generation == nil || state.generation == generation else { return nil }
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }
}
