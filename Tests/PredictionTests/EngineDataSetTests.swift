import Foundation
import Prediction
import SkyportDomain
import SkyportTestSupport
import Testing

/// The C-MAPSS FD001 copy the project ships: read only when every file matches the SHA-256 NASA's files have.
@Suite struct EngineDataSetTests {
    /// The copy in the checkout (tests run from the package root).
    static let directory = URL(fileURLWithPath: EngineDataSet.standardDirectory)

    /// The shipped copy, read once for every suite that needs it.
    static func shipped() async throws -> EngineDataSet {
        try await QuickEngineLifeModel.data()
    }

    @Test func theShippedCopyMatchesThePublishedFilesAndReadsWhole() async throws {
        let data = try await Self.shipped()
        #expect(data.training.count == 100 && data.test.count == 100 && data.testRemaining.count == 100)
        #expect(data.training.reduce(0) { $0 + $1.cycles.count } == 20_631)
        #expect(data.test.reduce(0) { $0 + $1.cycles.count } == 13_096)
        #expect(data.training.allSatisfy { engine in engine.cycles.map(\.cycle) == Array(1...engine.cycles.count) })
        #expect(data.training[0].cycles[0].sensors.count == 21 && data.training[0].cycles[0].settings.count == 3)
        #expect(data.testRemaining.prefix(3) == [112, 98, 69])
    }

    /// Reads a copy off the cooperative pool; the expectations stay on the test's task, where they are recorded.
    static func load(_ copy: URL) async throws -> EngineDataSet {
        try await offTheCooperativePool { try EngineDataSet.load(from: copy) }
    }

    @Test func aChangedOrMissingFileIsRefusedSayingWhich() async throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("cmapss-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: copy) }
        for name in ["train_FD001.txt.gz", "test_FD001.txt.gz", "RUL_FD001.txt"] {
            try FileManager.default.copyItem(at: Self.directory.appendingPathComponent(name), to: copy.appendingPathComponent(name))
        }
        #expect(try await Self.load(copy).test.count == 100)
        // One remaining-cycles value changed: the file no longer has its published hash.
        let remaining = copy.appendingPathComponent("RUL_FD001.txt")
        let text = try String(contentsOf: remaining, encoding: .utf8)
        try text.replacingOccurrences(of: "112", with: "113").write(to: remaining, atomically: true, encoding: .utf8)
        let changed = try await #require(throws: ServiceError.self) { try await Self.load(copy) }
        #expect(changed.code == .dataSetCorrupt && changed.message.contains("RUL_FD001.txt"))
        // A truncated gzip file is refused, not read in part.
        let train = copy.appendingPathComponent("train_FD001.txt.gz")
        let bytes = try Data(contentsOf: train)
        try bytes.prefix(bytes.count / 2).write(to: train)
        try FileManager.default.copyItem(at: Self.directory.appendingPathComponent("RUL_FD001.txt"), to: copy.appendingPathComponent("RUL.tmp"))
        try FileManager.default.removeItem(at: remaining)
        try FileManager.default.moveItem(at: copy.appendingPathComponent("RUL.tmp"), to: remaining)
        let truncated = try await #require(throws: ServiceError.self) { try await Self.load(copy) }
        #expect(truncated.code == .dataSetCorrupt && truncated.message.contains("train_FD001.txt"))
        try FileManager.default.removeItem(at: train)
        let missing = try await #require(throws: ServiceError.self) { try await Self.load(copy) }
        #expect(missing.code == .dataSetMissing)
    }
}

/// The engine-life features after a cycle read that cycle and the ones before it, never a later one.
@Suite struct EngineFeatureLeakageTests {
    @Test func noFeatureMovesWhenLaterCyclesChange() async throws {
        let data = try await EngineDataSetTests.shipped()
        let builder = EngineFeatureBuilder()
        var checked = 0
        for engine in data.training.prefix(10) {
            for end in stride(from: 3, to: engine.cycles.count, by: 17) {
                let before = builder.features(engine.cycles[0..<end])
                // Every later cycle rewritten (readings scaled, and more of them), then the features after `end` read again.
                let rewritten = engine.cycles[0..<end] + engine.cycles[end...].map { cycle in
                    EngineCycle(cycle: cycle.cycle, settings: cycle.settings, sensors: cycle.sensors.map { $0 * 1.37 + 5 })
                }
                let after = builder.features(rewritten[0..<end])
                let names = EngineFeature.all.map(\.name)
                let moved = names.indices.filter { !(before[$0] == after[$0] || (before[$0].isNaN && after[$0].isNaN)) }.map { names[$0] }
                #expect(moved.isEmpty, "\(moved) after cycle \(end) of engine \(engine.unit) changed when later cycles changed")
                // And they do read the cycles up to `end`: rewriting the last of them moves the level and the slopes.
                var touched = Array(engine.cycles[0..<end])
                touched[end - 1] = EngineCycle(cycle: end, settings: touched[end - 1].settings, sensors: touched[end - 1].sensors.map { $0 * 1.37 + 5 })
                #expect(builder.features(touched[...]) != before)
                checked += 1
            }
        }
        #expect(checked > 50)
        #expect(EngineFeature.all.count == EngineFeatureSchema.current.features.count)
    }
}
