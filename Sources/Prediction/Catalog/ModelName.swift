import SkyportDomain

/// The name of a model product, as URLs (`/v1/models/{name}`), the CLI (`skyport train {name}`) and the registry
/// write it: 1 to 40 lowercase letters, digits and dashes, starting with a letter.
public struct ModelName: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    /// Nil unless `rawValue` is a well-formed name.
    public init?(rawValue: String) {
        guard (1...40).contains(rawValue.utf8.count), rawValue.first?.isLetter == true,
              rawValue.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }) else { return nil }
        self.rawValue = rawValue
    }

    /// For names written in code; a malformed literal is a programming error caught by the catalogue's tests.
    public init(stringLiteral value: String) {
        rawValue = value
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let name = ModelName(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(text) is not a model name"))
        }
        self = name
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}
