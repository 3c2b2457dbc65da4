import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// Every model version with its files, aliases and their history, in the database.
///
/// Model files live in the database (base64) or, when `directory` is set, as files there with their
/// SHA-256 in the database; either way a file is checked against its hash when it is read back.
public struct ModelRegistry: Sendable {
    let database: any Database
    let directory: URL?

    public init(database: any Database, directory: URL? = nil) {
        self.database = database
        self.directory = directory
    }

    /// What a new version is made of, before it has a number.
    public struct Draft: Sendable {
        public var modelName = "delay"
        public var origin: String
        public var featureSchema = DelayFeatureSchema.current
        public var parameters: [String: String] = [:]
        public var dataPeriod = ModelVersion.DataPeriod(train: nil, validation: nil, test: nil, trainingRows: nil)
        public var dataFingerprint = ""
        public var leadTimeMinutes = DelayFeatureBuilder.defaultLeadTimeMinutes
        public var decisionThreshold = 0.5
        public var evaluation: DelayModelEvaluation?
        /// The training data's distribution per feature, for drift.
        public var profile = FeatureProfile(columns: [])
        public var description = ""
        /// Role -> (format, bytes).
        public var files: [String: (format: String, bytes: Data)] = [:]

        public init(origin: String) {
            self.origin = origin
        }
    }

    /// Stores a new version (numbered after the latest of its model).
    public func register(_ draft: Draft, now: Int64) async throws -> ModelVersion {
        let id = Identifier.make(prefix: "mdl")
        var artifacts: [ModelVersion.Artifact] = []
        var stored: [(ModelVersion.Artifact, String?, String?)] = []
        for (role, file) in draft.files.sorted(by: { $0.key < $1.key }) {
            let artifact = ModelVersion.Artifact(role: role, format: file.format, sha256: Self.sha256(file.bytes), byteCount: file.bytes.count)
            artifacts.append(artifact)
            if let directory {
                let name = "\(id)-\(role).\(file.format)"
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try file.bytes.write(to: directory.appendingPathComponent(name), options: .atomic)
                stored.append((artifact, nil, name))
            } else {
                stored.append((artifact, file.bytes.base64EncodedString(), nil))
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func json(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        let schema = try json(draft.featureSchema), parameters = try json(draft.parameters), period = try json(draft.dataPeriod)
        let metrics = try draft.evaluation.map(json) ?? "null"
        let profile = try json(draft.profile)
        let files = stored, registered = artifacts
        return try await database.transaction { sql in
            let latest = try await sql.raw("SELECT COALESCE(MAX(version), 0) AS latest FROM model_versions WHERE model_name = \(bind: draft.modelName)")
                .first()?.decode(column: "latest", as: Int.self) ?? 0
            let version = latest + 1
            try await sql.raw("""
                INSERT INTO model_versions (id, model_name, version, origin, created_at, feature_schema, feature_schema_fingerprint,
                    parameters, data_period, data_fingerprint, lead_time_minutes, decision_threshold, metrics, reference_profile, description)
                VALUES (\(bind: id), \(bind: draft.modelName), \(bind: version), \(bind: draft.origin), \(bind: now), \(bind: schema),
                    \(bind: draft.featureSchema.fingerprint), \(bind: parameters), \(bind: period), \(bind: draft.dataFingerprint),
                    \(bind: draft.leadTimeMinutes), \(bind: draft.decisionThreshold), \(bind: metrics), \(bind: profile), \(bind: draft.description))
                """).run()
            for (artifact, content, fileName) in files {
                try await sql.raw("""
                    INSERT INTO model_artifacts (model_version_id, role, format, sha256, byte_count, content_base64, file_name)
                    VALUES (\(bind: id), \(bind: artifact.role), \(bind: artifact.format), \(bind: artifact.sha256),
                        \(bind: artifact.byteCount), \(bind: content), \(bind: fileName))
                    """).run()
            }
            return ModelVersion(id: id, modelName: draft.modelName, version: version, origin: draft.origin, createdAt: now,
                                featureSchema: draft.featureSchema, parameters: draft.parameters, dataPeriod: draft.dataPeriod,
                                dataFingerprint: draft.dataFingerprint, leadTimeMinutes: draft.leadTimeMinutes,
                                decisionThreshold: draft.decisionThreshold, evaluation: draft.evaluation,
                                description: draft.description, artifacts: registered, aliases: [])
        }
    }

    /// Every version of a model, newest first.
    public func versions(of modelName: String) async throws -> [ModelVersion] {
        try await database.read { sql in
            let rows = try await sql.raw("SELECT \(unsafeRaw: Self.versionColumns) FROM model_versions WHERE model_name = \(bind: modelName) ORDER BY version DESC")
                .all(decoding: VersionRow.self)
            return try await withDetails(rows, on: sql)
        }
    }

    /// A version by alias (`champion`), number (`3`) or id (`mdl_...`); nil when nothing matches.
    public func resolve(_ modelName: String, _ reference: String) async throws -> ModelVersion? {
        try await database.read { sql in
            let row: VersionRow?
            if let number = Int(reference) {
                row = try await sql.raw("SELECT \(unsafeRaw: Self.versionColumns) FROM model_versions WHERE model_name = \(bind: modelName) AND version = \(bind: number)")
                    .first(decoding: VersionRow.self)
            } else if reference.hasPrefix("mdl_") {
                row = try await sql.raw("SELECT \(unsafeRaw: Self.versionColumns) FROM model_versions WHERE model_name = \(bind: modelName) AND id = \(bind: reference)")
                    .first(decoding: VersionRow.self)
            } else {
                row = try await sql.raw("""
                    SELECT \(unsafeRaw: Self.versionColumns) FROM model_versions
                    WHERE id = (SELECT model_version_id FROM model_aliases WHERE model_name = \(bind: modelName) AND alias = \(bind: reference))
                    """).first(decoding: VersionRow.self)
            }
            guard let row else { return nil }
            return try await withDetails([row], on: sql).first
        }
    }

    /// A version as a draft, files and measurements included, to register it in another registry unchanged
    /// (a replay's own database runs the model that is deployed here).
    public func draft(of version: ModelVersion) async throws -> Draft {
        var draft = Draft(origin: version.origin)
        draft.modelName = version.modelName
        draft.featureSchema = version.featureSchema
        draft.parameters = version.parameters
        draft.dataPeriod = version.dataPeriod
        draft.dataFingerprint = version.dataFingerprint
        draft.leadTimeMinutes = version.leadTimeMinutes
        draft.decisionThreshold = version.decisionThreshold
        draft.evaluation = version.evaluation
        draft.profile = try await profile(of: version.id) ?? FeatureProfile(columns: [])
        draft.description = version.description.isEmpty ? "version \(version.version), copied" : version.description
        for artifact in version.artifacts {
            guard let bytes = try await file(of: version, role: artifact.role) else { continue }
            draft.files[artifact.role] = (artifact.format, bytes)
        }
        return draft
    }

    /// The reference profile of a version (training-data distribution per feature), for drift.
    public func profile(of versionID: String) async throws -> FeatureProfile? {
        try await database.read { sql in
            guard let text = try await sql.raw("SELECT reference_profile FROM model_versions WHERE id = \(bind: versionID)")
                .first()?.decode(column: "reference_profile", as: String.self) else { return nil }
            return try JSONDecoder().decode(FeatureProfile.self, from: Data(text.utf8))
        }
    }

    /// Points `alias` at `version` and records the move; rollback is pointing it back.
    public func move(alias: String, of modelName: String, to version: ModelVersion, by actor: String, now: Int64) async throws {
        guard Self.isValidAlias(alias) else {
            throw ServiceError(.invalid, code: .invalidAlias, message: "An alias is 1 to 32 lowercase letters, digits or dashes.", field: "alias")
        }
        try await database.transaction { sql in
            let previous = try await sql.raw("""
                SELECT model_version_id FROM model_aliases WHERE model_name = \(bind: modelName) AND alias = \(bind: alias)
                """).first()?.decode(column: "model_version_id", as: String.self)
            try await sql.raw("DELETE FROM model_aliases WHERE model_name = \(bind: modelName) AND alias = \(bind: alias)").run()
            try await sql.raw("""
                INSERT INTO model_aliases (model_name, alias, model_version_id, moved_at)
                VALUES (\(bind: modelName), \(bind: alias), \(bind: version.id), \(bind: now))
                """).run()
            try await sql.raw("""
                INSERT INTO model_alias_moves (model_name, alias, from_version_id, to_version_id, moved_by, moved_at)
                VALUES (\(bind: modelName), \(bind: alias), \(bind: previous), \(bind: version.id), \(bind: actor), \(bind: now))
                """).run()
        }
    }

    /// Every alias move of a model, newest first.
    public func aliasHistory(of modelName: String) async throws -> [AliasMove] {
        try await database.read { sql in
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
    }

    /// The bytes of a version's file, checked against the hash recorded when it was registered.
    public func file(of version: ModelVersion, role: String) async throws -> Data? {
        guard let artifact = version.artifacts.first(where: { $0.role == role }) else { return nil }
        let row = try await database.read { sql in
            try await sql.raw("""
                SELECT content_base64, file_name FROM model_artifacts WHERE model_version_id = \(bind: version.id) AND role = \(bind: role)
                """).first()
        }
        guard let row else { return nil }
        let bytes: Data?
        if let content = try row.decode(column: "content_base64", as: String?.self) {
            bytes = Data(base64Encoded: content)
        } else if let name = try row.decode(column: "file_name", as: String?.self) {
            guard let directory else {
                throw ServiceError(.unavailable, code: .modelDirectoryNotConfigured,
                                   message: "Model \(version.version) is stored as a file; set SKYPORT_MODEL_DIR to where its files are.")
            }
            bytes = try? Data(contentsOf: directory.appendingPathComponent(name))
        } else {
            bytes = nil
        }
        guard let bytes, Self.sha256(bytes) == artifact.sha256 else {
            throw ServiceError(.unavailable, code: .modelFileCorrupt,
                               message: "The \(role) file of model \(version.version) is missing or does not match its recorded SHA-256.")
        }
        return bytes
    }

    /// Whether a reference names an alias (not a version number or an id).
    public static func isAlias(_ reference: String) -> Bool { Int(reference) == nil && !reference.hasPrefix("mdl_") }

    static func isValidAlias(_ alias: String) -> Bool {
        (1...32).contains(alias.count) && alias.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
            && alias.first?.isLetter == true
    }

    static func sha256(_ data: Data) -> String { SHA256Hex.digest(data) }

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

    private func withDetails(_ rows: [VersionRow], on sql: any SQLDatabase) async throws -> [ModelVersion] {
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
                featureSchema: try decoder.decode(DelayFeatureSchema.self, from: Data(row.feature_schema.utf8)),
                parameters: try decoder.decode([String: String].self, from: Data(row.parameters.utf8)),
                dataPeriod: try decoder.decode(ModelVersion.DataPeriod.self, from: Data(row.data_period.utf8)),
                dataFingerprint: row.data_fingerprint, leadTimeMinutes: row.lead_time_minutes, decisionThreshold: row.decision_threshold,
                evaluation: try decoder.decode(DelayModelEvaluation?.self, from: Data(row.metrics.utf8)),
                description: row.description, artifacts: artifacts[row.id] ?? [], aliases: aliases[row.id] ?? [])
        }
    }
}
