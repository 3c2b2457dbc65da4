import SQLKit
import SkyportStore

/// Training jobs (`training_jobs`): the queue, the instance holding each running job, its heartbeat and outcome.
/// Requests and progress are stored as JSON that `TrainingJobs` encodes.
enum TrainingJobStore {
    /// A job's row, with the version its training registered.
    struct Row: Decodable {
        let id: String, model_name: String, status: TrainingJobs.Status, request: String, progress: String, error: String?
        let requested_by: String, attempts: Int, created_at: Int64, finished_at: Int64?, version: Int?
    }

    static func insert(id: String, modelName: String, request: String, requestedBy: String, at now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO training_jobs (id, model_name, status, request, progress, requested_by, created_at, heartbeat_at)
            VALUES (\(bind: id), \(bind: modelName), 'queued', \(bind: request), '[]', \(bind: requestedBy), \(bind: now), \(bind: now))
            """).run()
    }

    static func job(_ id: String, on sql: any SQLDatabase) async throws -> Row? {
        try await sql.raw("""
            SELECT j.id, j.model_name, j.status, j.request, j.progress, j.error, j.requested_by, j.attempts, j.created_at, j.finished_at,
                v.version
            FROM training_jobs j LEFT JOIN model_versions v ON v.id = j.model_version_id WHERE j.id = \(bind: id)
            """).first(decoding: Row.self)
    }

    /// Marks running jobs without a heartbeat since `staleBefore` as interrupted.
    static func interruptStale(before staleBefore: Int64, at now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            UPDATE training_jobs SET status = 'interrupted', finished_at = \(bind: now)
            WHERE status = 'running' AND heartbeat_at < \(bind: staleBefore)
            """).run()
    }

    /// Queues a failed or interrupted job again; false when it is in another state (or unknown).
    static func requeue(_ id: String, at now: Int64, on sql: any SQLDatabase) async throws -> Bool {
        !(try await sql.raw("""
            UPDATE training_jobs SET status = 'queued', progress = '[]', error = NULL, finished_at = NULL, holder = NULL,
                heartbeat_at = \(bind: now)
            WHERE id = \(bind: id) AND status IN ('failed', 'interrupted') RETURNING id
            """).all().isEmpty)
    }

    /// Takes the oldest queued job for `instance` (one conditional update: two instances never take the same job).
    static func claimOldest(for instance: String, at now: Int64, on sql: any SQLDatabase)
        async throws -> (id: String, model: String, request: String, requestedBy: String)? {
        try await sql.raw("""
            UPDATE training_jobs SET status = 'running', holder = \(bind: instance), heartbeat_at = \(bind: now), attempts = attempts + 1
            WHERE id = (SELECT id FROM training_jobs WHERE status = 'queued' ORDER BY created_at, id LIMIT 1) AND status = 'queued'
            RETURNING id, model_name, request, requested_by
            """).first().map {
            (try $0.decode(column: "id", as: String.self), try $0.decode(column: "model_name", as: String.self),
             try $0.decode(column: "request", as: String.self),
             try $0.decode(column: "requested_by", as: String.self))
        }
    }

    /// The heartbeat of a running job, with its latest progress.
    static func beat(_ id: String, progress: String, at now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE training_jobs SET progress = \(bind: progress), heartbeat_at = \(bind: now) WHERE id = \(bind: id) AND status = 'running'")
            .run()
    }

    /// Ends a job: succeeded with the version it registered, or failed or interrupted without one.
    static func finish(_ id: String, status: TrainingJobs.Status, modelVersionID: String? = nil, error: String? = nil, progress: String,
                       at now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            UPDATE training_jobs SET status = \(bind: status.rawValue), model_version_id = COALESCE(\(bind: modelVersionID), model_version_id),
                error = \(bind: error), progress = \(bind: progress), finished_at = \(bind: now)
            WHERE id = \(bind: id)
            """).run()
    }
}
