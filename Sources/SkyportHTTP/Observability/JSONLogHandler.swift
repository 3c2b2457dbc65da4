import Foundation
import Logging

/// Writes each log record as one JSON line (standard output by default): time, level, message,
/// label, metadata, and what the metadata provider adds (the request id while serving a request).
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level
    private let label: String
    private let output: @Sendable (Data) -> Void

    public init(label: String, level: Logger.Level, metadataProvider: Logger.MetadataProvider? = RequestScope.metadataProvider,
                output: @escaping @Sendable (Data) -> Void = { FileHandle.standardOutput.write($0) }) {
        self.label = label
        self.logLevel = level
        self.metadataProvider = metadataProvider
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [String: String] = ["level": event.level.rawValue, "message": "\(event.message)", "logger": label,
                                        "time": Date().formatted(.iso8601)]
        let provided = metadataProvider?.get() ?? [:]
        for (key, value) in provided.merging(metadata, uniquingKeysWith: { $1 }).merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            fields[key] = "\(value)"
        }
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        output(data + Data("\n".utf8))
    }
}
