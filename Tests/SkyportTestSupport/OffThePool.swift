import NIOPosix

/// Runs seconds of synchronous work (reading a data set, building thousands of feature vectors) on NIO's blocking
/// pool instead of Swift's cooperative pool: the tests run in parallel, and two synchronous suites on a two-core
/// machine would otherwise hold every cooperative thread and starve the suites that wait on timers.
public func offTheCooperativePool<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await NIOThreadPool.singleton.runIfActive(work)
}
