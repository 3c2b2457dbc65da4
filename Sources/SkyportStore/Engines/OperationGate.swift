import Synchronization

/// Admits a store's operations until it closes, counts those in flight, and lets `close` wait for
/// them: an operation accepted before a shutdown finishes on an open connection (a SQLite
/// connection still leased when its pool closed was never closed, and asserted on it at deinit).
final class OperationGate: Sendable {
    private struct State {
        var running = 0
        var isClosed = false
        var closeWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Operations running or waiting for a connection.
    var current: Int { state.withLock { $0.running } }

    /// Runs `body` as one operation, or throws `DatabaseError.closed` once the store is closing.
    func admitting<T>(_ body: () async throws -> T) async throws -> T {
        try state.withLock { state in
            if state.isClosed { throw DatabaseError.closed }
            state.running += 1
        }
        defer {
            let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                state.running -= 1
                guard state.isClosed, state.running == 0 else { return [] }
                defer { state.closeWaiters.removeAll() }
                return state.closeWaiters
            }
            for waiter in waiters { waiter.resume() }
        }
        return try await body()
    }

    /// Refuses new operations and returns once those in flight have finished.
    func close() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let finished = state.withLock { state in
                state.isClosed = true
                if state.running == 0 { return true }
                state.closeWaiters.append(waiter)
                return false
            }
            if finished { waiter.resume() }
        }
    }
}
