import Foundation
import Hummingbird
import NIOCore
import SkyportDomain

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
            throw ServiceError(.unsupportedMediaType, code: "unsupported_media_type",
                               message: "Send the body as JSON with Content-Type: application/json.")
        }
    }

    /// Reads the body, inflated when it is gzip or deflate, refusing anything over `limit` bytes (after inflating).
    static func collect(_ request: Request, limit: Int = maximumBytes) async throws -> ByteBuffer {
        let tooLarge = ServiceError(.tooLarge, code: "request_too_large", message: "The request body is over \(limit / 1024) KiB.")
        guard let encoding = ContentDecoding.Encoding(header: request.headers[.contentEncoding]) else {
            throw ServiceError(.unsupportedMediaType, code: "unsupported_content_encoding",
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
            throw ServiceError(.malformed, code: "malformed_body", message: "The body is not a complete \(encoding.rawValue) stream.")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, from buffer: ByteBuffer) throws -> T {
        guard buffer.readableBytes > 0 else {
            throw ServiceError(.malformed, code: "empty_body", message: "The request needs a JSON body.")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(type, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw describe(error)
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
            return ServiceError(.malformed, code: "malformed_json", message: "The body is not valid JSON.")
        case .typeMismatch(let type, let context):
            return ServiceError(.malformed, code: "invalid_field_type", message: "Expected \(describe(type)) here.", field: path(context.codingPath))
        case .valueNotFound(let type, let context):
            return ServiceError(.malformed, code: "invalid_field_type", message: "Expected \(describe(type)) here, not null.", field: path(context.codingPath))
        case .keyNotFound(let key, let context):
            return ServiceError(.malformed, code: "missing_field", message: "This field is required.", field: path(context.codingPath + [key]))
        case .dataCorrupted(let context):
            return ServiceError(.malformed, code: "invalid_field_value", message: context.debugDescription, field: path(context.codingPath))
        @unknown default:
            return ServiceError(.malformed, code: "malformed_json", message: "The body could not be read.")
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
