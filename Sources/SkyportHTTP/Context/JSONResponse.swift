import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A JSON response with a status and headers, encoded snake_case.
public struct JSONResponse<Body: Encodable & Sendable>: ResponseGenerator, Sendable {
    public let status: HTTPResponse.Status
    public let body: Body
    public var headers: HTTPFields

    public init(_ body: Body, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) {
        self.body = body
        self.status = status
        self.headers = headers
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var buffer = ByteBuffer()
        buffer.writeBytes(try StreamingJSONEncoder.encode(body))
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: buffer))
    }
}
