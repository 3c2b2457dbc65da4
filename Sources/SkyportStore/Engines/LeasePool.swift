/// A fixed set of resources handed out one caller at a time, in arrival order.
actor LeasePool<Resource: Sendable> {
    private var idle: [Resource]
    private var waiters: [CheckedContinuation<Resource, any Error>] = []
    private var isClosed = false

    init(_ resources: [Resource]) {
        idle = resources
    }

    func acquire() async throws -> Resource {
        if isClosed { throw DatabaseError.closed }
        if let resource = idle.popLast() { return resource }
        return try await withCheckedThrowingContinuation { waiters.append($0) }
    }

    func release(_ resource: Resource) {
        if !waiters.isEmpty {
            waiters.removeFirst().resume(returning: resource)
        } else {
            idle.append(resource)
        }
    }

    /// Fails every waiter and returns the idle resources so that the caller can close them.
    func drain() -> [Resource] {
        isClosed = true
        for waiter in waiters { waiter.resume(throwing: DatabaseError.closed) }
        waiters.removeAll()
        defer { idle.removeAll() }
        return idle
    }

    /// Runs `body` with a leased resource and always gives it back.
    func withLease<T: Sendable>(_ body: @Sendable (Resource) async throws -> T) async throws -> T {
        let resource = try await acquire()
        do {
            let value = try await body(resource)
            release(resource)
            return value
        } catch {
            release(resource)
            throw error
        }
    }
}
