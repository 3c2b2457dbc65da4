import CustomerData
import Foundation
import Hummingbird
import NIOCore
import SkyportDomain
import SkyportStore

/// JSON in and out: snake_case on the wire, a size limit, and decoding errors that name the field.
public enum JSONBody {
    /// Request bodies are refused above 64 KiB: an order for nine passengers is under 4 KiB.
    public static let maximumBytes = 64 * 1024

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Decodes request bodies with snake_case keys and reports precise errors.
    public struct Decoder: RequestDecoder {
        public func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
            try JSONBody.requireJSONContentType(request)
            let buffer = try await JSONBody.collect(request)
            return try JSONBody.decode(type, from: buffer)
        }
    }

    /// Refuses a body not labelled `application/json` (or a `+json` type) with 415: a page on another site can
    /// post `text/plain`, a form encoding or no type at all without the browser asking first (CORS "simple"
    /// requests), but never `application/json`.
    public static func requireJSONContentType(_ request: Request) throws {
        let mediaType = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        guard mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json")) else {
            throw ServiceError(.unsupportedMediaType, code: .unsupportedMediaType,
                               message: "Send the body as JSON with Content-Type: application/json.")
        }
    }

    /// Reads the body, inflated when it is gzip or deflate, refusing anything over `limit` bytes (after inflating).
    static func collect(_ request: Request, limit: Int = maximumBytes) async throws -> ByteBuffer {
        let tooLarge = ServiceError(.tooLarge, code: .requestTooLarge, message: "The request body is over \(limit / 1024) KiB.")
        guard let encoding = ContentDecoding.Encoding(header: request.headers[.contentEncoding]) else {
            throw ServiceError(.unsupportedMediaType, code: .unsupportedContentEncoding,
                               message: "Content-Encoding may be gzip, deflate or identity.")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw tooLarge }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw tooLarge
        }
        guard encoding != .identity else { return buffer }
        do {
            return ByteBuffer(bytes: try ContentDecoding.decode(Array(buffer.readableBytesView), encoding, limit: limit))
        } catch .tooLarge {
            throw tooLarge
        } catch {
            throw ServiceError(.malformed, code: .malformedBody, message: "The body is not a complete \(encoding.rawValue) stream.")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, from buffer: ByteBuffer) throws -> T {
        guard buffer.readableBytes > 0 else {
            throw ServiceError(.malformed, code: .emptyBody, message: "The request needs a JSON body.")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(type, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            if Self.isUnreadableDocument(error), let field = Self.numberThatDoesNotFit(type, in: buffer, decoder: decoder) {
                throw ServiceError(.malformed, code: .invalidFieldType, message: "Expected a whole number that fits here.", field: field)
            }
            throw describe(error)
        }
    }

    private static func isUnreadableDocument(_ error: DecodingError) -> Bool {
        if case .dataCorrupted(let context) = error, context.codingPath.isEmpty { return true }
        return false
    }

    /// Foundation's decoder reports a number that does not fit an integer field (`1.5`, `1e30`) as "not valid
    /// JSON", with no path. When the body is valid JSON, the number to blame is found by putting 0 in place of
    /// each number that no integer type holds, one at a time, until the body decodes past that point.
    static func numberThatDoesNotFit<T: Decodable>(_ type: T.Type, in buffer: ByteBuffer, decoder: JSONDecoder) -> String? {
        guard let document = try? JSONValue(json: Array(buffer.readableBytesView)) else { return nil }
        for path in suspectNumbers(in: document, at: []).prefix(50) {
            let patched = replacing(in: document, at: path[...], with: .number(0))
            do {
                _ = try decoder.decode(type, from: Data(patched.json.utf8))
                return describe(path)
            } catch let error as DecodingError where !isUnreadableDocument(error) {
                return describe(path)
            } catch {
                continue
            }
        }
        return nil
    }

    /// A step into a JSON document: an object's key or an array's index.
    enum PathStep: Hashable { case key(String), index(Int) }

    /// Where the numbers are that fit no integer type: fractions and magnitudes beyond Int64.
    private static func suspectNumbers(in value: JSONValue, at path: [PathStep]) -> [[PathStep]] {
        switch value {
        case .number(let number):
            return number.rounded() != number || abs(number) >= 9.2e18 ? [path] : []
        case .largeInteger(let digits):
            return Int64(digits) == nil && UInt64(digits) == nil ? [path] : []
        case .array(let list):
            return list.enumerated().flatMap { suspectNumbers(in: $1, at: path + [.index($0)]) }
        case .object(let object):
            return object.keys.sorted().flatMap { suspectNumbers(in: object[$0]!, at: path + [.key($0)]) }
        default:
            return []
        }
    }

    private static func replacing(in value: JSONValue, at path: ArraySlice<PathStep>, with replacement: JSONValue) -> JSONValue {
        guard let step = path.first else { return replacement }
        switch (step, value) {
        case (.key(let key), .object(var object)):
            object[key] = object[key].map { replacing(in: $0, at: path.dropFirst(), with: replacement) }
            return .object(object)
        case (.index(let index), .array(var list)) where list.indices.contains(index):
            list[index] = replacing(in: list[index], at: path.dropFirst(), with: replacement)
            return .array(list)
        default:
            return value
        }
    }

    private static func describe(_ path: [PathStep]) -> String {
        path.reduce("") { result, step in
            switch step {
            case .key(let key): return result.isEmpty ? key : "\(result).\(key)"
            case .index(let index): return "\(result)[\(index)]"
            }
        }
    }

    private static func describe(_ error: DecodingError) -> ServiceError {
        func path(_ codingPath: [any CodingKey]) -> String? {
            guard !codingPath.isEmpty else { return nil }
            return codingPath.reduce("") { result, key in
                if let index = key.intValue { return "\(result)[\(index)]" }
                let name = JSONSink.snakeCase(key.stringValue)
                return result.isEmpty ? name : "\(result).\(name)"
            }
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return ServiceError(.malformed, code: .malformedJSON, message: "The body is not valid JSON.")
        case .typeMismatch(let type, let context):
            return ServiceError(.malformed, code: .invalidFieldType, message: "Expected \(describe(type)) here.", field: path(context.codingPath))
        case .valueNotFound(let type, let context):
            return ServiceError(.malformed, code: .invalidFieldType, message: "Expected \(describe(type)) here, not null.", field: path(context.codingPath))
        case .keyNotFound(let key, let context):
            return ServiceError(.malformed, code: .missingField, message: "This field is required.", field: path(context.codingPath + [key]))
        case .dataCorrupted(let context):
            return ServiceError(.malformed, code: .invalidFieldValue, message: context.debugDescription, field: path(context.codingPath))
        @unknown default:
            return ServiceError(.malformed, code: .malformedJSON, message: "The body could not be read.")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type: return "an integer"
        case is Bool.Type: return "true or false"
        default:
            let name = String(describing: type)
            return name.hasPrefix("Array") ? "an array" : "an object"
        }
    }
}
