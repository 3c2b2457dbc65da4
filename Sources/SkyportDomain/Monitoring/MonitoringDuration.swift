/// A duration written as Prometheus writes one (`30s`, `5m`, `1h`, `3d`), kept in seconds.
public struct MonitoringDuration: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public let seconds: Int

    public init(seconds: Int) {
        self.seconds = seconds
    }

    /// Parses `<number><s|m|h|d>`; nil for anything else.
    public init?(_ text: String) {
        guard let unit = text.last, let number = Int(text.dropLast()), number >= 0 else { return nil }
        switch unit {
        case "s": seconds = number
        case "m": seconds = number * 60
        case "h": seconds = number * 3600
        case "d": seconds = number * 86_400
        default: return nil
        }
    }

    /// The largest whole unit that writes it exactly: `300` is `5m`, `90` is `90s`.
    public var description: String {
        if seconds > 0, seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
        if seconds > 0, seconds % 3600 == 0 { return "\(seconds / 3600)h" }
        if seconds > 0, seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = MonitoringDuration(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "'\(text)' is not a duration such as 30s, 5m, 1h or 3d."))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
