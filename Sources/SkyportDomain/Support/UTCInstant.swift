import Foundation

/// An instant in whole seconds since 1970 that reads and writes as ISO 8601 UTC text (`2013-02-08T17:05:00Z`).
public struct UTCInstant: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let seconds: Int64

    public init(_ seconds: Int64) {
        self.seconds = seconds
    }

    /// Reads `2013-02-08T17:05:00Z` or any ISO 8601 time with an offset; nil otherwise.
    public init?(iso text: String) {
        guard let date = try? Date(text, strategy: .iso8601) else { return nil }
        seconds = Int64(date.timeIntervalSince1970.rounded(.down))
    }

    public var description: String {
        let days = Int((seconds >= 0 ? seconds : seconds - 86_399) / 86_400)
        let second = Int(seconds - Int64(days) * 86_400)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(LocalDate(daysSinceEpoch: days).iso)T\(two(second / 3600)):\(two(second % 3600 / 60)):\(two(second % 60))Z"
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let instant = UTCInstant(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "Expected an ISO 8601 time such as 2013-02-08T17:05:00Z."))
        }
        self = instant
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public static func < (lhs: UTCInstant, rhs: UTCInstant) -> Bool { lhs.seconds < rhs.seconds }
}
