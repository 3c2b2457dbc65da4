import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SkyportDomain

/// The one error shape of the API: `{"errors":[{"code","title","message","field"}]}`.
public struct APIError: HTTPResponseError, Sendable {
    public struct Entry: Encodable, Sendable {
        public let code: ServiceError.Code
        public let title: String
        public let message: String
        public let field: String?
    }

    /// 402, which HTTPTypes does not name.
    static let paymentRequired = HTTPResponse.Status(code: 402, reasonPhrase: "Payment Required")

    public let status: HTTPResponse.Status
    public let errors: [Entry]
    public var headers: HTTPFields = [:]
    /// Also writes the first error's `code` and `message` at the top level with `"success": false`, the
    /// shape analytics clients read from the tracking API (Segment's Python client fails without them).
    public var summarizedForTrackingClients = false

    public init(status: HTTPResponse.Status, errors: [Entry]) {
        self.status = status
        self.errors = errors
    }

    public init(status: HTTPResponse.Status, code: ServiceError.Code, message: String, field: String? = nil) {
        self.init(status: status, errors: [Entry(code: code, title: Self.title(for: status), message: message, field: field)])
    }

    /// Maps anything a handler throws to the API's shape. Unknown errors become a 500 that
    /// reveals nothing of their cause (it is logged with the request id instead).
    public static func from(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let failure as ValidationFailure:
            return APIError(status: .unprocessableContent, errors: failure.issues.map {
                Entry(code: $0.code, title: title(for: .unprocessableContent), message: $0.message, field: $0.field)
            })
        case let error as ServiceError:
            return APIError(status: status(for: error.kind), code: error.code, message: error.message, field: error.field)
        case let error as HTTPError:
            switch error.status {
            case .notFound: return APIError(status: .notFound, code: .notFound, message: "There is nothing at this address.")
            case .methodNotAllowed: return APIError(status: .methodNotAllowed, code: .methodNotAllowed, message: "This address does not take that method.")
            case .contentTooLarge: return APIError(status: .contentTooLarge, code: .requestTooLarge, message: "The request body is too large.")
            default: return APIError(status: error.status, code: ServiceError.Code("http_\(error.status.code)"), message: error.body ?? error.status.reasonPhrase)
            }
        default:
            return APIError(status: .internalServerError, code: .internalError, message: "Something went wrong on our side; it has been logged.")
        }
    }

    /// The HTTP status of a service refusal, for the API and the site alike.
    public static func status(for kind: ServiceError.Kind) -> HTTPResponse.Status {
        switch kind {
        case .malformed: return .badRequest
        case .invalid: return .unprocessableContent
        case .unauthorized: return .unauthorized
        case .forbidden: return .forbidden
        case .notFound: return .notFound
        case .conflict: return .conflict
        case .paymentFailed: return Self.paymentRequired
        case .tooLarge: return .contentTooLarge
        case .unsupportedMediaType: return .unsupportedMediaType
        case .rateLimited: return .tooManyRequests
        case .unavailable: return .serviceUnavailable
        }
    }

    static func title(for status: HTTPResponse.Status) -> String {
        switch status {
        case .badRequest: return "Malformed request"
        case .unprocessableContent: return "Invalid request"
        case .unauthorized: return "Not authorized"
        case .forbidden: return "Forbidden"
        case .notFound: return "Not found"
        case .conflict: return "Conflict"
        case Self.paymentRequired: return "Payment failed"
        case .contentTooLarge: return "Request too large"
        case .unsupportedMediaType: return "Unsupported media type"
        case .tooManyRequests: return "Too many requests"
        case .serviceUnavailable: return "Service unavailable"
        default: return status.reasonPhrase
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var buffer = ByteBuffer()
        let summary = summarizedForTrackingClients ? errors.first : nil
        buffer.writeBytes(try StreamingJSONEncoder.encode(ErrorBody(errors: errors, success: summary.map { _ in false },
                                                                    code: summary?.code, message: summary?.message)))
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: buffer))
    }
}

/// The JSON body of every error response.
struct ErrorBody: Encodable {
    let errors: [APIError.Entry]
    let success: Bool?
    let code: ServiceError.Code?
    let message: String?
}
