import Foundation

/// A JSON value kept as a tree: what one product stores for the platform to keep and show (its evaluation, its
/// training configuration) and only that product reads as its own type. Encoding writes it back as it came;
/// whole numbers stay integers so that `"rounds": 12` is not answered as `12.0`.
public enum JSONDocument: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONDocument])
    case object([String: JSONDocument])

    /// The document of a Codable value, as `JSONEncoder` writes it (keys as the type names its properties).
    public init(_ value: some Encodable) throws {
        self = try JSONDecoder().decode(JSONDocument.self, from: JSONEncoder().encode(value))
    }

    /// The document read as `type`.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: JSONEncoder().encode(self))
    }

    public init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: Key.self) {
            var values: [String: JSONDocument] = [:]
            for key in object.allKeys { values[key.stringValue] = try object.decode(JSONDocument.self, forKey: key) }
            self = .object(values)
        } else if var array = try? decoder.unkeyedContainer() {
            var values: [JSONDocument] = []
            while !array.isAtEnd { values.append(try array.decode(JSONDocument.self)) }
            self = .array(values)
        } else {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let value = try? container.decode(Bool.self) { self = .bool(value) }
            else if let value = try? container.decode(Int64.self) { self = .integer(value) }
            else if let value = try? container.decode(Double.self) { self = .number(value) }
            else { self = .string(try container.decode(String.self)) }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .object(let values):
            var container = encoder.container(keyedBy: Key.self)
            for (key, value) in values.sorted(by: { $0.key < $1.key }) { try container.encode(value, forKey: Key(key)) }
        case .array(let values):
            var container = encoder.unkeyedContainer()
            for value in values { try container.encode(value) }
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .integer(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .number(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .string(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        }
    }

    /// A document's keys are the property names of the product type that wrote it, so an encoder that writes
    /// property names in snake_case (the API's) treats them as such: the key type refuses control characters,
    /// which is how `StreamingJSONEncoder` tells property names from a dictionary's data keys.
    struct Key: CodingKey {
        let stringValue: String
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) {
            guard !stringValue.unicodeScalars.contains(where: { $0.value < 0x20 }) else { return nil }
            self.stringValue = stringValue
        }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}
