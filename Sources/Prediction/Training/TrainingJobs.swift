import Foundation
import Logging
import ServiceLifecycle
import SQLKit
import SkyportDomain
import SkyportStore
import Synchronization

/// Training of any model product, started through the API or the CLI. A request records a `queued` job naming its
/// product; each instance that serves predictions runs
/// `run()` as a background service, which takes the oldest queued job (one at a time per instance: taking it is a
/// conditional update, so two instances never take the same job) and trains it off the cooperative pool. A running
/// job writes a heartbeat with its progress every few seconds; one whose heartbeat has stopped for two minutes (its
/// instance was killed) is marked `interrupted`, and so is one whose instance shut down mid-way. An interrupted or
/// failed job can be queued again (`restart`).
public struct TrainingJobs: Sendable {
    let database: any Database
    let registry: ModelRegistry
    let catalog: ModelCatalog
    let logger: Logger
    let now: @Sendable () -> Int64
    /// This instance, as a running job names its holder.
    let instance: String
    /// Wakes this instance's runner when a job is queued here (others find it on their next look).
    let queued: WakeUpSignal

    /// Seconds between two looks for queued jobs (a job queued on this instance is taken at once).
    public static let pollSeconds = 10.0

    public init(database: any Database, registry: ModelRegistry, catalog: ModelCatalog, instance: String, logger: Logger,
                now: @escaping @Sendable () -> Int64) {
        self.database = database
        self.registry = registry
        self.catalog = catalog
        self.instance = instance
        self.logger = logger
        self.now = now
        queued = WakeUpSignal()
    }

    /// Where a job is: waiting for an instance, training, done, or stopped before the end.
    public enum Status: String, Codable, Sendable {
        case queued, running, succeeded, failed, interrupted

        /// Whether `restart` may queue it again.
        public var canRestart: Bool { self == .failed || self == .interrupted }
    }

    public struct Job: Codable, Sendable {
        public let id: String
        public let model: String
        public let status: Status
        /// The product's training configuration, its defaults filled in.
        public let configuration: JSONDocument
        /// The latest progress lines, oldest first.
        public let progress: [String]
        public let modelVersion: Int?
        public let promotedTo: String?
        public let error: String?
        public let requestedBy: String
        /// How many times an instance took it (more than one after a restart).
        public let attempts: Int
        public let createdAt: String
        public let finishedAt: String?
    }

    /// Validates the product's configuration (nil: its defaults), records the job and starts it; `promote` moves that
    /// alias on success.
    public func start(_ product: any ModelProduct, configuration given: JSONDocument?, promote alias: String?,
                      requestedBy: String) async throws -> Job {
        let configuration = try product.trainingConfiguration(given)
        if let alias, !ModelRegistry.isValidAlias(alias) {
            throw ServiceError(.invalid, code: .invalidAlias, message: "An alias is 1 to 32 lowercase letters, digits or dashes.", field: "promote")
        }
        let id = Identifier.make(prefix: "trn")
        let request = try Self.json(Request(configuration: configuration, promote: alias))
        let created = now()
        try await database.transaction { sql in
            try await TrainingJobStore.insert(id: id, modelName: product.name.rawValue, request: request, requestedBy: requestedBy, at: created, on: sql)
        }
        queued.signal()
        guard let job = try await job(id: id) else {
            throw ServiceError(.unavailable, code: .trainingJobNotRecorded, message: "The training job could not be read back.")
        }
        return job
    }

    struct Request: Codable {
        let configuration: JSONDocument
        let promote: String?
    }

    /// Marks running jobs whose instance stopped (no heartbeat for two minutes) as interrupted.
    public func markInterrupted() async throws {
        let now = now()
        try await database.transaction { sql in try await TrainingJobStore.interruptStale(before: now - 120, at: now, on: sql) }
    }

    /// Queues an interrupted or failed job again, with its configuration; its progress and error start afresh.
    public func restart(id: String) async throws -> Job {
        let now = now()
        let restarted = try await database.transaction { sql in try await TrainingJobStore.requeue(id, at: now, on: sql) }
        guard let job = try await job(id: id) else {
            throw ServiceError(.notFound, code: .trainingJobNotFound, message: "No training job has this id.")
        }
        guard restarted else {
            throw ServiceError(.conflict, code: .trainingJobNotRestartable,
                               message: "This job is \(job.status.rawValue); only a failed or interrupted job can be restarted.")
        }
        queued.signal()
        return job
    }

    /// Takes queued jobs one at a time and trains them, until the application shuts down; a job in training then
    /// stops between two boosting rounds and is marked interrupted, so that it can be restarted.
    public func run() async {
        var lastLook: Int64?
        while !Shutdown.isRequested {
            do {
                // A job's instance is found silent after two minutes: looking once a minute is enough, and an idle
                // instance does not take SQLite's writer at every poll.
                if lastLook.map({ now() - $0 >= 60 }) ?? true {
                    try await markInterrupted()
                    lastLook = now()
                }
                while !Shutdown.isRequested, let claimed = try await claimNext() {
                    await train(claimed)
                }
            } catch {
                logger.error("training jobs could not be read", metadata: ["module": "predictions", "error": "\(error)"])
            }
            _ = await Shutdown.waiting { [queued] in await queued.wait(seconds: Self.pollSeconds) }
        }
    }

    /// A job this instance took.
    struct Claimed {
        let id: String
        let model: String
        let request: Request
        let requestedBy: String
    }

    /// Takes the oldest queued job for this instance, or nil when none waits.
    func claimNext() async throws -> Claimed? {
        let now = now()
        guard let row = try await database.transaction({ [instance] sql in try await TrainingJobStore.claimOldest(for: instance, at: now, on: sql) })
        else { return nil }
        return Claimed(id: row.id, model: row.model, request: try JSONDecoder().decode(Request.self, from: Data(row.request.utf8)),
                       requestedBy: row.requestedBy)
    }

    public func job(id: String) async throws -> Job? {
        try await database.read { sql in
            guard let row = try await TrainingJobStore.job(id, on: sql) else { return nil }
            let request = try JSONDecoder().decode(Request.self, from: Data(row.request.utf8))
            return Job(id: row.id, model: row.model_name, status: row.status, configuration: request.configuration,
                       progress: try JSONDecoder().decode([String].self, from: Data(row.progress.utf8)),
                       modelVersion: row.version, promotedTo: row.version == nil ? nil : request.promote, error: row.error,
                       requestedBy: row.requested_by, attempts: row.attempts, createdAt: ISO8601.format(row.created_at),
                       finishedAt: row.finished_at.map(ISO8601.format))
        }
    }

    /// Trains a job this instance took, writing its heartbeat and progress, then its outcome.
    private func train(_ claimed: Claimed) async {
        let id = claimed.id, alias = claimed.request.promote, requestedBy = claimed.requestedBy
        let lines = ProgressLines()
        let heartbeat = Task {
            while !Task.isCancelled {
                try? await update(id, progress: lines.latest)
                try? await Task.sleep(for: .seconds(5))
            }
        }
        defer { heartbeat.cancel() }
        // Read by the trainer between boosting rounds, on a thread that has no task to ask.
        let stopping = StopFlag()
        do {
            let product = try catalog.require(claimed.model, kind: .invalid)
            let draft = try await withGracefulShutdownHandler {
                try await product.train(claimed.request.configuration, progress: { line in lines.append(line) }, shouldStop: { stopping.isSet })
            } onGracefulShutdown: {
                stopping.set()
            }
            heartbeat.cancel()
            let version = try await registry.register(draft, now: now())
            if let alias { try await registry.move(alias: alias, of: claimed.model, to: version, by: requestedBy, now: now()) }
            let progress = try Self.json(lines.latest), finishedAt = now()
            try await database.transaction { sql in
                try await TrainingJobStore.finish(id, status: .succeeded, modelVersionID: version.id, progress: progress, at: finishedAt, on: sql)
            }
            logger.notice("training job finished", metadata: ["module": "predictions", "job": "\(id)", "model_version": "\(version.version)"])
        } catch is TrainingStopped {
            heartbeat.cancel()
            logger.notice("training job interrupted by shutdown", metadata: ["module": "predictions", "job": "\(id)"])
            lines.append("interrupted: the instance shut down; restart the job to train it again")
            try? await finish(id, status: .interrupted, error: nil, progress: lines.latest)
        } catch {
            heartbeat.cancel()
            logger.error("training job failed", metadata: ["module": "predictions", "job": "\(id)", "error": "\(error)"])
            let message = (error as? ServiceError)?.message ?? (error as? ValidationFailure).map { $0.issues.map(\.message).joined(separator: " ") } ?? "\(error)"
            try? await finish(id, status: .failed, error: message, progress: lines.latest)
        }
    }

    /// The heartbeat of a running job, with its latest progress.
    private func update(_ id: String, progress: [String]) async throws {
        let progress = try Self.json(progress), now = now()
        try await database.transaction { sql in try await TrainingJobStore.beat(id, progress: progress, at: now, on: sql) }
    }

    /// Ends a running job without a model.
    private func finish(_ id: String, status: Status, error: String?, progress: [String]) async throws {
        let progress = try Self.json(progress), now = now()
        try await database.transaction { sql in
            try await TrainingJobStore.finish(id, status: status, error: error, progress: progress, at: now, on: sql)
        }
    }

    static func json(_ value: some Encodable) throws -> String { String(decoding: try JSONEncoder().encode(value), as: UTF8.self) }
}

/// Set once when the instance begins to shut down.
final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    func set() { flag.store(true, ordering: .relaxed) }
    var isSet: Bool { flag.load(ordering: .relaxed) }
}

/// The last progress lines of a running job.
final class ProgressLines: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ line: String) {
        lines.withLock { lines in
            lines.append(line)
            if lines.count > 60 { lines.removeFirst(lines.count - 60) }
        }
    }

    var latest: [String] { lines.withLock { $0 } }
}
