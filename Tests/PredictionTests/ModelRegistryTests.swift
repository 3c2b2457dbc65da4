import Foundation
import Prediction
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing
import XGBoost

func draft(_ bytes: Data) -> ModelRegistry.Draft {
    var draft = ModelRegistry.Draft(model: DelayModel.name, featureSchema: DelayFeatureSchema.current, origin: "trained")
    draft.files = [ModelVersion.probabilityRole: ("ubj", bytes)]
    draft.decisionThreshold = 0.3
    draft.description = "test"
    return draft
}

@Suite struct ModelRegistryTests {
    @Test(arguments: TestDatabases.engines)
    func versionsAreNumberedAndAliasesMoveAndRollBack(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let registry = ModelRegistry(database: database)
            let first = try await registry.register(draft(try TinyDelayModel.bytes(seed: 1)), now: 1000)
            let second = try await registry.register(draft(try TinyDelayModel.bytes(seed: 2)), now: 2000)
            #expect(first.version == 1 && second.version == 2)
            #expect(try await registry.resolve("delay", "champion") == nil)

            try await registry.move(alias: "champion", of: "delay", to: first, by: "alice", now: 3000)
            try await registry.move(alias: "challenger", of: "delay", to: second, by: "alice", now: 3100)
            try await registry.move(alias: "champion", of: "delay", to: second, by: "bob", now: 3200)
            #expect(try await registry.resolve("delay", "champion")?.version == 2)
            // Rollback: the alias goes back.
            try await registry.move(alias: "champion", of: "delay", to: first, by: "bob", now: 3300)
            #expect(try await registry.resolve("delay", "champion")?.version == 1)
            #expect(try await registry.resolve("delay", "challenger")?.version == 2)

            let history = try await registry.aliasHistory(of: "delay")
            #expect(history.map(\.alias) == ["champion", "champion", "challenger", "champion"])
            #expect(history[0].fromVersion == 2 && history[0].toVersion == 1 && history[0].movedBy == "bob")
            #expect(history[3].fromVersion == nil)

            let versions = try await registry.versions(of: "delay")
            #expect(versions.map(\.version) == [2, 1])
            #expect(versions[1].aliases == ["champion"] && versions[0].aliases == ["challenger"])
            #expect(try await registry.resolve("delay", "1")?.id == first.id)
            #expect(try await registry.resolve("delay", first.id)?.version == 1)
            #expect(try await registry.resolve("delay", "7") == nil)
            #expect(try await registry.resolve("delay", "nobody") == nil)
        }
    }

    @Test func aliasesMustBeWellFormed() async throws {
        try await TestDatabases.with(.sqlite) { database in
            let registry = ModelRegistry(database: database)
            let version = try await registry.register(draft(try TinyDelayModel.bytes()), now: 1)
            for bad in ["", "Champion", "x y", "1st", String(repeating: "a", count: 33)] {
                await #expect(throws: ServiceError.self) { try await registry.move(alias: bad, of: "delay", to: version, by: "t", now: 2) }
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func filesComeBackIntactFromTheDatabase(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let registry = ModelRegistry(database: database)
            let bytes = try TinyDelayModel.bytes()
            let version = try await registry.register(draft(bytes), now: 1)
            #expect(try await registry.file(of: version, role: ModelVersion.probabilityRole) == bytes)
            #expect(version.artifacts.first?.byteCount == bytes.count)
            // A file altered behind the registry's back is refused, not served.
            try await database.transaction { sql in
                try await sql.raw("UPDATE model_artifacts SET content_base64 = \(bind: Data("tampered".utf8).base64EncodedString())").run()
            }
            await #expect(throws: ServiceError.self) { try await registry.file(of: version, role: ModelVersion.probabilityRole) }
        }
    }

    @Test func filesCanLiveInADirectoryAndSurviveARestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("skyport-models-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestDatabases.with(.sqlite) { database in
            let bytes = try TinyDelayModel.bytes()
            let version = try await ModelRegistry(database: database, directory: directory).register(draft(bytes), now: 1)
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            #expect(files == ["\(version.id)-probability.ubj"])
            // A new registry (a restarted process) reads the same file back.
            let restarted = ModelRegistry(database: database, directory: directory)
            let reloaded = try #require(try await restarted.resolve("delay", "1"))
            #expect(try await restarted.file(of: reloaded, role: ModelVersion.probabilityRole) == bytes)
            // Without the directory configured, the error says what to set.
            let error = await #expect(throws: ServiceError.self) { try await ModelRegistry(database: database).file(of: reloaded, role: ModelVersion.probabilityRole) }
            #expect(error?.code == "model_directory_not_configured")
        }
    }
}
