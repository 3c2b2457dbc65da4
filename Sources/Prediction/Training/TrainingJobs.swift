import Foundation
import Logging
import SQLKit
import SkyportDomain
import SkyportStore
import Synchronization

/// Training started through the API: a job row that reports progress, run in the background of the
/// instance that accepted it. The job writes a heartbeat with its progress every few seconds; a running
/// job whose heartbeat has stopped for two minutes (its instance went away) is marked `interrupted`.
public struct TrainingJobs: Sendable {
    let database: any Database
    let registry: ModelRegistry
    let source: any DepartureSource
    let logger: Logger
    let now: @Sendable () -> Int64

    public init(database: any Database, registry: ModelRegistry, source: any DepartureSource, logger: Logger,
                now: @escaping @Sendable () -> Int64) {
        self.database = database
        self.registry = registry
        self.source = source
        self.logger = logger
        self.now = now
    }

    public struct Job: Codable, Sendable {
        public let id: String
        public let model: String
        /// `queued`, `running`, `succeeded`, `failed` or `interrupted`.
        public let status: String
        public let configuration: TrainingConfiguration
        /// The latest progress lines, oldest first.
        public let progress: [String]
        public let modelVersion: Int?
        public let promotedTo: String?
        public let error: String?
        public let requestedBy: String
        public let createdAt: String
        public let finishedAt: String?
    }

    /// Validates the configuration, records the job and starts it; `promote` moves that alias on success.
    public func start(_ configuration: TrainingConfiguration, promote alias: String?, requestedBy: String) async throws -> Job {
        let problems = configuration.problems()
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        if let alias, !ModelRegistry.isValidAlias(alias) {
            throw ServiceError(.invalid, code: .invalidAlias, message: "An alias is 1 to 32 lowercase letters, digits or dashes.", field: "promote")
        }
        let id = Identifier.make(prefix: "trn")
        let request = try Self.json(Request(configuration: configuration, promote: alias))
        let created = now()
        try await database.transaction { sql in
            try await sql.raw("""
                INSERT INTO training_jobs (id, model_name, status, request, progress, requested_by, created_at, heartbeat_at)
                VALUES (\(bind: id), 'delay', 'queued', \(bind: request), '[]', \(bind: requestedBy), \(bind: created), \(bind: created))
                """).run()
        }
        let jobs = self
        Task.detached { await jobs.run(id: id, configuration: configuration, promote: alias, requestedBy: requestedBy) }
        guard let job = try await job(id: id) else {
            throw ServiceError(.unavailable, code: .trainingJobNotRecorded, message: "The training job could not be read back.")
        }
        return job
    }

    struct Request: Codable {
        let configuration: TrainingConfiguration
        let promote: String?
    }

    /// Marks jobs whose instance stopped (no heartbeat for two minutes) as interrupted.
    public func markInterrupted() async throws {
        let now = now()
        try await database.transaction { sql in
            try await sql.raw("""
                UPDATE training_jobs SET status = 'interrupted', finished_at = \(bind: now)
                WHERE status IN ('queued', 'running') AND heartbeat_at < \(bind: now - 120)
                """).run()
        }
    }

    public func job(id: String) async throws -> Job? {
        try await database.read { sql in
            guard let row = try await sql.raw("""
                SELECT j.id, j.model_name, j.status, j.request, j.progress, j.error, j.requested_by, j.created_at, j.finished_at, v.version
                FROM training_jobs j LEFT JOIN model_versions v ON v.id = j.model_version_id WHERE j.id = \(bind: id)
                """).first() else { return nil }
            let request = try JSONDecoder().decode(Request.self, from: Data(try row.decode(column: "request", as: String.self).utf8))
            let version = try row.decode(column: "version", as: Int?.self)
            return Job(id: try row.decode(column: "id", as: String.self), model: try row.decode(column: "model_name", as: String.self),
                       status: try row.decode(column: "status", as: String.self), configuration: request.configuration,
                       progress: try JSONDecoder().decode([String].self, from: Data(try row.decode(column: "progress", as: String.self).utf8)),
                       modelVersion: version, promotedTo: version == nil ? nil : request.promote,
                       error: try row.decode(column: "error", as: String?.self),
                       requestedBy: try row.decode(column: "requested_by", as: String.self),
                       createdAt: ISO8601.format(try row.decode(column: "created_at", as: Int64.self)),
                       finishedAt: try row.decode(column: "finished_at", as: Int64?.self).map(ISO8601.format))
        }
    }

    private func run(id: String, configuration: TrainingConfiguration, promote alias: String?, requestedBy: String) async {
        let lines = ProgressLines()
        let heartbeat = Task {
            while !Task.isCancelled {
                try? await update(id, status: "running", progress: lines.latest)
                try? await Task.sleep(for: .seconds(5))
            }
        }
        defer { heartbeat.cancel() }
        do {
            let result = try await DelayModelTrainer(source: source).train(configuration) { line in lines.append(line) }
            heartbeat.cancel()
            let version = try await registry.register(result.draft, now: now())
            if let alias { try await registry.move(alias: alias, of: "delay", to: version, by: requestedBy, now: now()) }
            try await database.transaction { [now] sql in
                try await sql.raw("""
                    UPDATE training_jobs SET status = 'succeeded', model_version_id = \(bind: version.id), progress = \(bind: try Self.json(lines.latest)),
                        finished_at = \(bind: now()) WHERE id = \(bind: id)
                    """).run()
            }
            logger.notice("training job finished", metadata: ["module": "predictions", "job": "\(id)", "model_version": "\(version.version)"])
        } catch {
            heartbeat.cancel()
            logger.error("training job failed", metadata: ["module": "predictions", "job": "\(id)", "error": "\(error)"])
            let message = (error as? ServiceError)?.message ?? (error as? ValidationFailure).map { $0.issues.map(\.message).joined(separator: " ") } ?? "\(error)"
            try? await database.transaction { [now] sql in
                try await sql.raw("""
                    UPDATE training_jobs SET status = 'failed', error = \(bind: message), progress = \(bind: try Self.json(lines.latest)),
                        finished_at = \(bind: now()) WHERE id = \(bind: id)
                    """).run()
            }
        }
    }

    private func update(_ id: String, status: String, progress: [String]) async throws {
        try await database.transaction { sql in
            try await sql.raw("""
                UPDATE training_jobs SET status = \(bind: status), progress = \(bind: try Self.json(progress)), heartbeat_at = \(bind: now())
                WHERE id = \(bind: id) AND status IN ('queued', 'running')
                """).run()
        }
    }

    static func json(_ value: some Encodable) throws -> String { String(decoding: try JSONEncoder().encode(value), as: UTF8.self) }
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
