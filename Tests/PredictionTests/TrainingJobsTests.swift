import Foundation
@testable import Prediction
import ServiceLifecycle
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Synchronization
import Testing

/// Training jobs as the predictions module runs them: queued by a request, taken one at a time by an instance's
/// runner (a service in the application's group), trained on NIO's thread pool, stopped and marked interrupted by a
/// shutdown, and restartable.
@Suite struct TrainingJobsTests {
    static func jobs(_ database: any Database, instance: String, now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) })
        -> TrainingJobs {
        TrainingJobs(database: database, registry: ModelRegistry(database: database, directory: nil), source: HistoricalDepartureSource(database: database),
                     instance: instance, logger: TestDatabases.logger, now: now)
    }

    static func waitFor(_ what: String, seconds: Int = 60, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while try await !condition() {
            guard ContinuousClock.now < deadline else { Issue.record("timed out waiting for \(what)"); throw CancellationError() }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func instancesTakeEachQueuedJobOnceAndOneAtATime(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let first = Self.jobs(database, instance: "inst_a"), second = Self.jobs(database, instance: "inst_b")
            var queued: [String] = []
            for _ in 0..<8 { queued.append(try await first.start(quickConfiguration(), promote: nil, requestedBy: "test").id) }
            // Both instances take jobs as fast as they can, at the same time.
            let taken = try await withThrowingTaskGroup(of: [String].self) { group in
                for jobs in [first, second] {
                    group.addTask {
                        var ids: [String] = []
                        while let claimed = try await jobs.claimNext() { ids.append(claimed.id) }
                        return ids
                    }
                }
                return try await group.reduce(into: [String]()) { $0 += $1 }
            }
            #expect(taken.sorted() == queued.sorted(), "each job taken exactly once")
            for id in queued {
                let job = try #require(try await first.job(id: id))
                #expect(job.status == .running && job.attempts == 1)
            }
        }
    }

    @Test func aJobStoppedByShutdownIsInterruptedAndRestartsToTheEnd() async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await SyntheticHistory.seed(database, days: 90)
            var configuration = quickConfiguration()
            configuration.booster.maxRounds = 400
            configuration.booster.earlyStoppingRounds = 400
            configuration.booster.learningRate = 0.02
            let jobs = Self.jobs(database, instance: "inst_a")
            let id = try await jobs.start(configuration, promote: "champion", requestedBy: "test").id

            // The instance shuts down while the job trains (before or between boosting rounds).
            let group = ServiceGroup(configuration: .init(services: [BackgroundService("training jobs") { await jobs.run() }],
                                                          logger: TestDatabases.logger))
            let running = Task { try await group.run() }
            try await Self.waitFor("the job to be taken") { try await jobs.job(id: id)?.status == .running }
            await group.triggerGracefulShutdown()
            try await running.value
            let interrupted = try #require(try await jobs.job(id: id))
            #expect(interrupted.status == .interrupted, "\(interrupted.progress.suffix(3))")
            #expect(interrupted.progress.last?.hasPrefix("interrupted") == true)
            #expect(interrupted.modelVersion == nil)

            // Restarted, another run of the service trains it to the end.
            let restarted = try await jobs.restart(id: id)
            #expect(restarted.status == .queued && restarted.progress.isEmpty)
            let again = ServiceGroup(configuration: .init(services: [BackgroundService("training jobs") { await jobs.run() }],
                                                          logger: TestDatabases.logger))
            let second = Task { try await again.run() }
            try await Self.waitFor("the restarted job", seconds: 180) { try await jobs.job(id: id)?.status == .succeeded }
            await again.triggerGracefulShutdown()
            try await second.value
            let done = try #require(try await jobs.job(id: id))
            #expect(done.attempts == 2 && done.modelVersion == 1 && done.promotedTo == "champion")

            await #expect { try await jobs.restart(id: id) } throws: { error in
                (error as? ServiceError)?.code == "training_job_not_restartable"
            }
            await #expect { try await jobs.restart(id: "trn_none") } throws: { error in
                (error as? ServiceError)?.code == "training_job_not_found"
            }
        }
    }

    @Test func aRunningJobWhoseInstanceWentSilentIsMarkedInterruptedAndAQueuedOneWaits() async throws {
        try await TestDatabases.with(.sqlite) { database in
            let clock = Atomic<Int64>(1_000_000)
            let jobs = Self.jobs(database, instance: "inst_a", now: { clock.load(ordering: .relaxed) })
            let taken = try await jobs.start(quickConfiguration(), promote: nil, requestedBy: "test").id
            _ = try await jobs.claimNext()
            let waiting = try await jobs.start(quickConfiguration(), promote: nil, requestedBy: "test").id
            clock.add(121, ordering: .relaxed)
            try await jobs.markInterrupted()
            #expect(try await jobs.job(id: taken)?.status == .interrupted)
            #expect(try await jobs.job(id: waiting)?.status == .queued)
        }
    }

    /// Boosting runs on NIO's blocking thread pool, not on a thread of Swift's cooperative pool.
    @Test func boostingRunsOnTheBlockingThreadPool() async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await SyntheticHistory.seed(database, days: 90)
            let threads = Mutex<Set<String>>([])
            _ = try await DelayModelTrainer(source: HistoricalDepartureSource(database: database)).train(quickConfiguration()) { line in
                if line.contains("round") { threads.withLock { _ = $0.insert(Thread.current.name ?? "unnamed") } }
            }
            let names = threads.withLock { $0 }
            #expect(!names.isEmpty && names.allSatisfy { $0.contains("TP-#") }, "\(names)")
        }
    }
}
