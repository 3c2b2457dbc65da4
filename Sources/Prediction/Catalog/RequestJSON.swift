import Foundation
import SkyportDomain

/// Reads a request body a product's endpoint receives, with field names as written (snake_case) so that feature
/// names reach the model untouched; a body that is not JSON or has a wrong type answers with the API's error codes.
public enum RequestJSON {
    public static func decode<T: Decodable>(_ type: T.Type, from body: Data) throws -> T {
        guard !body.isEmpty else { throw ServiceError(.malformed, code: .emptyBody, message: "The request needs a JSON body.") }
        return try mappingErrors(prefix: nil) { try JSONDecoder().decode(type, from: body) }
    }

    /// A document that came inside a request (under `field`, such as a training job's `configuration`) read as `type`;
    /// a wrong type answers `wrong_type` naming the field's whole path.
    public static func decode<T: Decodable>(_ type: T.Type, from document: JSONDocument, field: String) throws -> T {
        try mappingErrors(prefix: field) { try document.decode(type) }
    }

    private static func mappingErrors<T>(prefix: String?, _ decode: () throws -> T) throws -> T {
        do {
            return try decode()
        } catch let error as DecodingError {
            switch error {
            case .typeMismatch(_, let context), .valueNotFound(_, let context):
                let field = ((prefix.map { [$0] } ?? []) + context.codingPath.map(\.stringValue)).joined(separator: ".")
                throw ServiceError(.invalid, code: .wrongType, message: "\(field) has the wrong type.", field: field)
            default:
                throw ServiceError(.malformed, code: .malformedJSON, message: "The body is not valid JSON.")
            }
        }
    }

    /// An ISO 8601 time (`2013-02-08T00:00:00Z`) as seconds since 1970.
    public static func instant(_ text: String) -> Int64? {
        (try? Date(text, strategy: .iso8601)).map { Int64($0.timeIntervalSince1970) }
    }
}
