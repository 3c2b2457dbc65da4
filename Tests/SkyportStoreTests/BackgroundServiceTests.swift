import Logging
import ServiceLifecycle
import SkyportStore
import SkyportTestSupport
import Synchronization
import Testing

/// Background loops under the application's ServiceGroup, as `skyport serve` runs them: a signal lets the item in
/// hand finish and then stops the loop; a loop that ends on its own ends the group instead of running on without it.
@Suite struct BackgroundServiceTests {
    final class Counts: Sendable {
        let started = Atomic<Int>(0)
        let finished = Atomic<Int>(0)
    }

    static func loop(_ counts: Counts, itemTakes: Duration, found: Int) -> BackgroundService {
        BackgroundService("test loop") {
            await ConsumerLoop.run(idle: .seconds(60), logger: TestDatabases.logger, name: "test loop") {
                counts.started.add(1, ordering: .relaxed)
                try await Task.sleep(for: itemTakes)
                counts.finished.add(1, ordering: .relaxed)
                return found
            }
        }
    }

    /// Whether the group's run ends within 30 seconds: a loop that ignores the signal would keep it running for its
    /// 60-second idle wait. The margin is for a loaded test machine, where the suites that run beside this one can hold
    /// the cooperative threads for seconds before the group even starts.
    static func ends(_ group: ServiceGroup) async -> Bool {
        await withTaskGroup(of: Bool.self) { race in
            race.addTask { _ = try? await group.run(); return true }
            race.addTask { try? await Task.sleep(for: .seconds(30)); return false }
            let first = await race.next() ?? false
            race.cancelAll()
            return first
        }
    }

    /// Waits for the loop to reach a state; the deadline only keeps a broken loop from hanging the run.
    static func waitFor(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while !condition() {
            guard ContinuousClock.now < deadline else { throw CancellationError() }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    @Test func aGracefulShutdownLetsTheItemInHandFinishThenStopsTheLoop() async throws {
        let counts = Counts()
        let group = ServiceGroup(configuration: .init(services: [Self.loop(counts, itemTakes: .milliseconds(400), found: 1)], logger: TestDatabases.logger))
        let running = Task { await Self.ends(group) }
        try await Self.waitFor { counts.started.load(ordering: .relaxed) == 1 }
        await group.triggerGracefulShutdown()
        #expect(await running.value)
        // The item in hand was not interrupted, and no other began after the signal.
        #expect(counts.finished.load(ordering: .relaxed) == 1)
        #expect(counts.started.load(ordering: .relaxed) == 1)
    }

    @Test func anIdleLoopStopsAtOnceOnAGracefulShutdown() async throws {
        let counts = Counts()
        let group = ServiceGroup(configuration: .init(services: [Self.loop(counts, itemTakes: .zero, found: 0)], logger: TestDatabases.logger))
        let running = Task { await Self.ends(group) }
        try await Self.waitFor { counts.finished.load(ordering: .relaxed) == 1 }
        await group.triggerGracefulShutdown()
        #expect(await running.value, "the minute-long idle wait ends with the signal")
    }

    @Test func aLoopThatEndsOnItsOwnEndsTheGroup() async throws {
        let counts = Counts()
        let early = BackgroundService("a loop that gives up") {}
        let group = ServiceGroup(configuration: .init(services: [Self.loop(counts, itemTakes: .zero, found: 0), early], logger: TestDatabases.logger))
        #expect(await Self.ends(group))
    }
}
