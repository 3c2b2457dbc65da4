import Foundation
import SkyportDomain
import SkyportStore

/// One operating cycle of a turbofan: its three operational settings and 21 sensor readings.
public struct EngineCycle: Sendable, Equatable {
    public let cycle: Int
    public let settings: [Double]
    public let sensors: [Double]

    public init(cycle: Int, settings: [Double], sensors: [Double]) {
        self.cycle = cycle
        self.settings = settings
        self.sensors = sensors
    }
}

/// An engine's history, cycle after cycle.
public struct EngineHistory: Sendable, Equatable {
    public let unit: Int
    public let cycles: [EngineCycle]

    public init(unit: Int, cycles: [EngineCycle]) {
        self.unit = unit
        self.cycles = cycles
    }
}

/// NASA's C-MAPSS FD001 turbofan data (Saxena, Goebel, Simon, Eklund, PHM 2008; a work of the US government): 100
/// engines run to failure for training, 100 cut off before failure with their true remaining cycles. No reachable
/// registry has it, so the project ships its own copy in `data-sets/cmapss-fd001/` (gzip) and checks the SHA-256 of
/// every file as NASA published it before reading it.
public struct EngineDataSet: Sendable {
    public let training: [EngineHistory]
    public let test: [EngineHistory]
    /// The true remaining cycles after the last cycle of each test engine, in unit order.
    public let testRemaining: [Int]

    /// SHA-256 of the files as published (uncompressed).
    public static let checksums = [
        "train_FD001.txt": "963b5e22825b34d8b21c69e1aeb4af3e647050eb672ee8834ba4b5d91d2de0f8",
        "test_FD001.txt": "3cda7109ce17bafb5443f2ac926cfcf88154b941b8c4cf95eb55d1ddd6f52851",
        "RUL_FD001.txt": "a19c8ec94931949d0485bdc35118206e9c81c4547b422efb9cf86f4ceddbceca",
    ]

    /// Where the copy lives in a checkout (and in the container image).
    public static let standardDirectory = "data-sets/cmapss-fd001"

    /// Reads and checks the three files in `directory` (each as `NAME` or `NAME.gz`).
    public static func load(from directory: URL) throws -> EngineDataSet {
        let training = try histories(try text("train_FD001.txt", in: directory))
        let test = try histories(try text("test_FD001.txt", in: directory))
        let remaining = try text("RUL_FD001.txt", in: directory).split(whereSeparator: \.isNewline).map { line -> Int in
            guard let value = Int(line.trimmingCharacters(in: .whitespaces)) else { throw corrupt("RUL_FD001.txt", "\(line) is not a number of cycles") }
            return value
        }
        guard remaining.count == test.count else { throw corrupt("RUL_FD001.txt", "\(remaining.count) values for \(test.count) test engines") }
        return EngineDataSet(training: training, test: test, testRemaining: remaining)
    }

    /// The file's text, once its bytes match the published SHA-256.
    static func text(_ name: String, in directory: URL) throws -> String {
        let plain = directory.appendingPathComponent(name), compressed = directory.appendingPathComponent(name + ".gz")
        let bytes: [UInt8]
        if let data = FileManager.default.contents(atPath: plain.path) {
            bytes = [UInt8](data)
        } else if let data = FileManager.default.contents(atPath: compressed.path) {
            do {
                bytes = try Inflater.inflate([UInt8](data), .gzip, limit: 64 << 20)
            } catch {
                throw corrupt(name, "\(compressed.lastPathComponent) is not a complete gzip file")
            }
        } else {
            throw ServiceError(.notFound, code: .dataSetMissing,
                               message: "\(name) is not in \(directory.path) (the C-MAPSS FD001 copy ships in \(standardDirectory)).")
        }
        guard SHA256Hex.digest(Data(bytes)) == checksums[name] else {
            throw corrupt(name, "its SHA-256 is not the published one")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Rows `unit cycle setting×3 sensor×21`, grouped by unit in order.
    static func histories(_ text: String) throws -> [EngineHistory] {
        var byUnit: [Int: [EngineCycle]] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: " ").compactMap { Double($0) }
            guard fields.count == 26, let unit = Int(exactly: fields[0]), let cycle = Int(exactly: fields[1]) else {
                throw corrupt("engine data", "a row has \(fields.count) numbers, not 26")
            }
            byUnit[unit, default: []].append(EngineCycle(cycle: cycle, settings: Array(fields[2..<5]), sensors: Array(fields[5..<26])))
        }
        return byUnit.keys.sorted().map { EngineHistory(unit: $0, cycles: byUnit[$0, default: []].sorted { $0.cycle < $1.cycle }) }
    }

    static func corrupt(_ name: String, _ why: String) -> ServiceError {
        ServiceError(.invalid, code: .dataSetCorrupt, message: "\(name) cannot be read: \(why).")
    }
}
