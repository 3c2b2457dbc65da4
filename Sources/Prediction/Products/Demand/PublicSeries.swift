import Foundation
import SkyportStore

/// A published series that forecasts are measured on, obtained with pip from the Python package that carries it and
/// refused unless its SHA-256 is the one recorded here.
public struct PublicSeries: Sendable {
    /// Its name on the command line (`skyport forecast evaluate --series air-passengers`).
    public let name: String
    public let title: String
    public let package: String
    public let version: String
    /// Its path inside the package's wheel.
    public let member: String
    /// SHA-256 of that file.
    public let sha256: String
    public let frequency: SeriesFrequency

    /// Box and Jenkins's Series G, monthly international airline passengers (thousands) 1949–1960, as sktime ships it
    /// (BSD-3-Clause).
    public static let airPassengers = PublicSeries(
        name: "air-passengers", title: "AirPassengers 1949–1960 (Box & Jenkins Series G)", package: "sktime", version: "1.2.0",
        member: "sktime/datasets/data/Airline/Airline.csv",
        sha256: "28af0eb869db6d9fbd31d5af03993a0cbf36c0857c3eb046a068c094b60da851", frequency: .monthly)

    /// Monthly passengers of New York's JFK airport, January 1977 to December 2015 (468 months), as river ships it
    /// (BSD-3-Clause).
    public static let jfkPassengers = PublicSeries(
        name: "jfk-passengers", title: "JFK airport monthly passengers 1977–2015", package: "river", version: "0.26.1",
        member: "river/drift/datasets/airline_passengers.csv",
        sha256: "44039a54b3fae641090bf926dde2c4ca7c0e14d39b689eaf2ae00ee747a880d8", frequency: .monthly)

    public static let all = [airPassengers, jfkPassengers]

    /// Its copy in `directory` (`forecast-series/<name>.csv`), fetched with pip first when missing; either way its
    /// SHA-256 is checked before it is read.
    public func load(from directory: URL, python: String = "python3", progress: (String) -> Void = { _ in }) throws -> (timestamps: [String], values: [Double]) {
        let folder = directory.appendingPathComponent("forecast-series")
        let file = folder.appendingPathComponent("\(name).csv")
        if !FileManager.default.fileExists(atPath: file.path) {
            let work = FileManager.default.temporaryDirectory.appendingPathComponent("skyport-series-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: work) }
            progress("downloading \(package)==\(version) with pip for \(member)")
            let wheel = try PipDownload.download(package, version: version, into: work, python: python)
            let bytes = try PipDownload.member(member, ofWheel: wheel, python: python)
            try check(bytes)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try bytes.write(to: file, options: .atomic)
            progress("wrote \(file.path)")
        }
        let bytes = try Data(contentsOf: file)
        try check(bytes)
        let table = try CSVTable(parsing: bytes)
        guard table.header.count >= 2 else { throw NetworkDataError.malformed("\(name): expected a date and a value column") }
        var values: [Double] = []
        for (index, row) in table.rows.enumerated() {
            guard let value = Double(row[1]) else { throw NetworkDataError.malformed("\(name): row \(index + 2) has no number") }
            values.append(value)
        }
        return (table.rows.map { $0[0] }, values)
    }

    private func check(_ bytes: Data) throws {
        let digest = SHA256Hex.digest(bytes)
        guard digest == sha256 else { throw NetworkDataError.checksumMismatch(expected: sha256, actual: digest) }
    }
}
