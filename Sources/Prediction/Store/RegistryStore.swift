import Foundation
import SQLKit
import SkyportStore

/// The model registry's tables (`model_versions`, `model_artifacts`, `model_aliases`, `model_alias_moves`), in the
/// caller's transaction. Files kept on disk and their checks are `ModelRegistry`'s.
enum RegistryStore {
    /// A version as it is inserted: its measurements already encoded as JSON.
    struct NewVersion {
        let id: String, modelName: String, version: Int, origin: String, createdAt: Int64
        let featureSchema: String, featureSchemaFingerprint: String, parameters: String, dataPeriod: String, dataFingerprint: String
        let leadTimeMinutes: Int, decisionThreshold: Double, metrics: String, referenceProfile: String, description: String
    }

    /// How a version is named: its number, its id or an alias.
    enum Selector {
        case number(Int), id(String), alias(String)
    }

    /// The highest version number of the model; 0 before its first.
    static func latestVersion(of modelName: String, on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT COALESCE(MAX(version), 0) AS latest FROM model_versions WHERE model_name = \(bind: modelName)")
            .first()?.decode(column: "latest", as: Int.self) ?? 0
    }

    /// Inserts a version with its artifacts, each held in the row (base64) or named as a file.
    static func insert(_ version: NewVersion, artifacts: [(ModelVersion.Artifact, content: String?, fileName: String?)],
                       on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO model_versions (id, model_name, version, origin, created_at, feature_schema, feature_schema_fingerprint,
                parameters, data_period, data_fingerprint, lead_time_minutes, decision_threshold, metrics, reference_profile, description)
            VALUES (\(bind: version.id), \(bind: version.modelName), \(bind: version.version), \(bind: version.origin), \(bind: version.createdAt),
                \(bind: version.featureSchema), \(bind: version.featureSchemaFingerprint), \(bind: version.parameters), \(bind: version.dataPeriod),
                \(bind: version.dataFingerprint), \(bind: version.leadTimeMinutes), \(bind: version.decisionThreshold), \(bind: version.metrics),
                \(bind: version.referenceProfile), \(bind: version.description))
            """).run()
        for (artifact, content, fileName) in artifacts {
            try await sql.raw("""
                INSERT INTO model_artifacts (model_version_id, role, format, sha256, byte_count, content_base64, file_name)
                VALUES (\(bind: version.id), \(bind: artifact.role), \(bind: artifact.format), \(bind: artifact.sha256),
                    \(bind: artifact.byteCount), \(bind: content), \(bind: fileName))
                """).run()
        }
    }

    /// Every version of a model, newest first.
    static func versions(of modelName: String, on sql: any SQLDatabase) async throws -> [ModelVersion] {
        let rows = try await sql.raw("SELECT \(unsafeRaw: versionColumns) FROM model_versions WHERE model_name = \(bind: modelName) ORDER BY version DESC")
            .all(decoding: VersionRow.self)
        return try await withDetails(rows, on: sql)
    }

    /// One version of a model, or nil.
    static func version(of modelName: String, _ selector: Selector, on sql: any SQLDatabase) async throws -> ModelVersion? {
        let condition: SQLQueryString = switch selector {
        case .number(let number): "model_name = \(bind: modelName) AND version = \(bind: number)"
        case .id(let id): "model_name = \(bind: modelName) AND id = \(bind: id)"
        case .alias(let alias):
            "id = (SELECT model_version_id FROM model_aliases WHERE model_name = \(bind: modelName) AND alias = \(bind: alias))"
        }
        guard let row = try await sql.raw("SELECT \(unsafeRaw: versionColumns) FROM model_versions WHERE \(condition)").first(decoding: VersionRow.self)
        else { return nil }
        return try await withDetails([row], on: sql).first
    }

    /// The version's reference profile as stored (JSON).
    static func referenceProfile(of versionID: String, on sql: any SQLDatabase) async throws -> String? {
        try await sql.raw("SELECT reference_profile FROM model_versions WHERE id = \(bind: versionID)").first()?
            .decode(column: "reference_profile", as: String.self)
    }

    /// Points the alias at a version and records the move.
    static func move(alias: String, of modelName: String, to versionID: String, by actor: String, at now: Int64, on sql: any SQLDatabase) async throws {
        let previous = try await sql.raw("""
            SELECT model_version_id FROM model_aliases WHERE model_name = \(bind: modelName) AND alias = \(bind: alias)
            """).first()?.decode(column: "model_version_id", as: String.self)
        try await sql.raw("DELETE FROM model_aliases WHERE model_name = \(bind: modelName) AND alias = \(bind: alias)").run()
        try await sql.raw("""
            INSERT INTO model_aliases (model_name, alias, model_version_id, moved_at)
            VALUES (\(bind: modelName), \(bind: alias), \(bind: versionID), \(bind: now))
            """).run()
        try await sql.raw("""
            INSERT INTO model_alias_moves (model_name, alias, from_version_id, to_version_id, moved_by, moved_at)
            VALUES (\(bind: modelName), \(bind: alias), \(bind: previous), \(bind: versionID), \(bind: actor), \(bind: now))
            """).run()
    }

    /// Every alias move of a model, newest first.
    static func aliasHistory(of modelName: String, on sql: any SQLDatabase) async throws -> [AliasMove] {
        try await sql.raw("""
            SELECT m.alias, f.version AS from_version, v.version AS to_version, m.moved_by, m.moved_at
            FROM model_alias_moves m JOIN model_versions v ON v.id = m.to_version_id
            LEFT JOIN model_versions f ON f.id = m.from_version_id
            WHERE m.model_name = \(bind: modelName) ORDER BY m.id DESC
            """).all().map { row in
            AliasMove(alias: try row.decode(column: "alias", as: String.self),
                      fromVersion: try row.decode(column: "from_version", as: Int?.self),
                      toVersion: try row.decode(column: "to_version", as: Int.self),
                      movedBy: try row.decode(column: "moved_by", as: String.self),
                      movedAt: try row.decode(column: "moved_at", as: Int64.self))
        }
    }

    /// Where a version's file is kept: in the row (base64) or in a file of that name.
    static func artifact(of versionID: String, role: String, on sql: any SQLDatabase) async throws -> (content: String?, fileName: String?)? {
        try await sql.raw("""
            SELECT content_base64, file_name FROM model_artifacts WHERE model_version_id = \(bind: versionID) AND role = \(bind: role)
            """).first().map { (try $0.decode(column: "content_base64", as: String?.self), try $0.decode(column: "file_name", as: String?.self)) }
    }

    private static let versionColumns = """
        id, model_name, version, origin, created_at, feature_schema, parameters, data_period, data_fingerprint,
        lead_time_minutes, decision_threshold, metrics, description
        """

    struct VersionRow: Decodable {
        let id: String
        let model_name: String
        let version: Int
        let origin: String
        let created_at: Int64
        let feature_schema: String
        let parameters: String
        let data_period: String
        let data_fingerprint: String
        let lead_time_minutes: Int
        let decision_threshold: Double
        let metrics: String
        let description: String
    }

    private static func withDetails(_ rows: [VersionRow], on sql: any SQLDatabase) async throws -> [ModelVersion] {
        guard !rows.isEmpty else { return [] }
        let ids = rows.map(\.id)
        var artifacts: [String: [ModelVersion.Artifact]] = [:]
        for row in try await sql.raw("""
            SELECT model_version_id, role, format, sha256, byte_count FROM model_artifacts WHERE model_version_id IN (\(binds: ids)) ORDER BY role
            """).all() {
            artifacts[try row.decode(column: "model_version_id", as: String.self), default: []].append(.init(
                role: try row.decode(column: "role", as: String.self), format: try row.decode(column: "format", as: String.self),
                sha256: try row.decode(column: "sha256", as: String.self), byteCount: try row.decode(column: "byte_count", as: Int.self)))
        }
        var aliases: [String: [String]] = [:]
        for row in try await sql.raw("SELECT alias, model_version_id FROM model_aliases WHERE model_version_id IN (\(binds: ids)) ORDER BY alias").all() {
            aliases[try row.decode(column: "model_version_id", as: String.self), default: []].append(try row.decode(column: "alias", as: String.self))
        }
        let decoder = JSONDecoder()
        return try rows.map { row in
            ModelVersion(
                id: row.id, modelName: row.model_name, version: row.version, origin: row.origin, createdAt: row.created_at,
                featureSchema: try decoder.decode(FeatureSchema.self, from: Data(row.feature_schema.utf8)),
                parameters: try decoder.decode([String: String].self, from: Data(row.parameters.utf8)),
                dataPeriod: try decoder.decode(ModelVersion.DataPeriod.self, from: Data(row.data_period.utf8)),
                dataFingerprint: row.data_fingerprint, leadTimeMinutes: row.lead_time_minutes, decisionThreshold: row.decision_threshold,
                evaluation: try decoder.decode(JSONDocument?.self, from: Data(row.metrics.utf8)),
                description: row.description, artifacts: artifacts[row.id] ?? [], aliases: aliases[row.id] ?? [])
        }
    }
}
