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
        public var modelName: String
        public var origin: String
        public var featureSchema: FeatureSchema
        public var parameters: [String: String] = [:]
        public var dataPeriod = ModelVersion.DataPeriod(train: nil, validation: nil, test: nil, trainingRows: nil)
        public var dataFingerprint = ""
        public var leadTimeMinutes = 0
        public var decisionThreshold = 0.5
        public var evaluation: JSONDocument?
        /// The training data's distribution per feature, for drift.
        public var profile = FeatureProfile(columns: [])
        public var description = ""
        /// Role -> (format, bytes).
        public var files: [String: (format: String, bytes: Data)] = [:]

        /// A draft of `product`'s next version, reading its current feature schema.
        public init(_ product: any ModelProduct, origin: String) {
            self.init(model: product.name, featureSchema: product.featureSchema, origin: origin)
        }

        public init(model: ModelName, featureSchema: FeatureSchema, origin: String) {
            modelName = model.rawValue
            self.featureSchema = featureSchema
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
            let version = try await RegistryStore.latestVersion(of: draft.modelName, on: sql) + 1
            try await RegistryStore.insert(
                RegistryStore.NewVersion(id: id, modelName: draft.modelName, version: version, origin: draft.origin, createdAt: now,
                                         featureSchema: schema, featureSchemaFingerprint: draft.featureSchema.fingerprint, parameters: parameters,
                                         dataPeriod: period, dataFingerprint: draft.dataFingerprint, leadTimeMinutes: draft.leadTimeMinutes,
                                         decisionThreshold: draft.decisionThreshold, metrics: metrics, referenceProfile: profile,
                                         description: draft.description),
                artifacts: files, on: sql)
            return ModelVersion(id: id, modelName: draft.modelName, version: version, origin: draft.origin, createdAt: now,
                                featureSchema: draft.featureSchema, parameters: draft.parameters, dataPeriod: draft.dataPeriod,
                                dataFingerprint: draft.dataFingerprint, leadTimeMinutes: draft.leadTimeMinutes,
                                decisionThreshold: draft.decisionThreshold, evaluation: draft.evaluation,
                                description: draft.description, artifacts: registered, aliases: [])
        }
    }

    /// Every version of a model, newest first.
    public func versions(of modelName: String) async throws -> [ModelVersion] {
        try await database.read { sql in try await RegistryStore.versions(of: modelName, on: sql) }
    }

    /// A version by alias (`champion`), number (`3`) or id (`mdl_...`); nil when nothing matches.
    public func resolve(_ modelName: String, _ reference: String) async throws -> ModelVersion? {
        let selector: RegistryStore.Selector = if let number = Int(reference) { .number(number) }
            else if reference.hasPrefix("mdl_") { .id(reference) } else { .alias(reference) }
        return try await database.read { sql in try await RegistryStore.version(of: modelName, selector, on: sql) }
    }

    /// A version as a draft, files and measurements included, to register it in another registry unchanged
    /// (a replay's own database runs the model that is deployed here).
    public func draft(of version: ModelVersion) async throws -> Draft {
        var draft = Draft(model: ModelName(stringLiteral: version.modelName), featureSchema: version.featureSchema, origin: version.origin)
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
            guard let text = try await RegistryStore.referenceProfile(of: versionID, on: sql) else { return nil }
            return try JSONDecoder().decode(FeatureProfile.self, from: Data(text.utf8))
        }
    }

    /// Points `alias` at `version` and records the move; rollback is pointing it back.
    public func move(alias: String, of modelName: String, to version: ModelVersion, by actor: String, now: Int64) async throws {
        guard Self.isValidAlias(alias) else {
            throw ServiceError(.invalid, code: .invalidAlias, message: "An alias is 1 to 32 lowercase letters, digits or dashes.", field: "alias")
        }
        try await database.transaction { sql in
            try await RegistryStore.move(alias: alias, of: modelName, to: version.id, by: actor, at: now, on: sql)
        }
    }

    /// Every alias move of a model, newest first.
    public func aliasHistory(of modelName: String) async throws -> [AliasMove] {
        try await database.read { sql in try await RegistryStore.aliasHistory(of: modelName, on: sql) }
    }

    /// The bytes of a version's file, checked against the hash recorded when it was registered.
    public func file(of version: ModelVersion, role: String) async throws -> Data? {
        guard let artifact = version.artifacts.first(where: { $0.role == role }) else { return nil }
        guard let stored = try await database.read({ sql in try await RegistryStore.artifact(of: version.id, role: role, on: sql) }) else {
            return nil
        }
        let bytes: Data?
        if let content = stored.content {
            bytes = Data(base64Encoded: content)
        } else if let name = stored.fileName {
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


}
