import Synchronization

/// Wakes a background loop early (a new observation for the disruption engine) and otherwise lets it
/// sleep until its next scheduled pass. Signals while it is busy coalesce into one.
public final class WakeUpSignal: Sendable {
    struct State {
        var pending = false
        var waiter: CheckedContinuation<Bool, Never>?
        var generation = 0
    }

    private let state = Mutex(State())

    public init() {}

    public func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            guard let waiter = state.waiter else {
                state.pending = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume(returning: true)
    }

    /// Returns after a signal, `seconds`, or the task's cancellation, whichever comes first; true when
    /// signalled. One loop waits at a time.
    public func wait(seconds: Double) async -> Bool {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let generation = state.withLock { state -> Int? in
                    if state.pending || Task.isCancelled {
                        state.pending = false
                        return nil
                    }
                    state.generation += 1
                    state.waiter = continuation
                    return state.generation
                }
                guard let generation else { return continuation.resume(returning: true) }
                Task { [weak self] in
                    try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                    self?.release(generation: generation, signalled: false)
                }
            }
        } onCancel: {
            release(generation: nil, signalled: false)
        }
    }

    /// Resumes the waiter of `generation` (any waiter when nil).
    private func release(generation: Int?, signalled: Bool) {
        let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            guard generation == nil || state.generation == generation, let waiter = state.waiter else { return nil }
            state.waiter = nil
            return waiter
        }
        waiter?.resume(returning: signalled)
    }
}
