import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Gives a request that the HTTP parser could not read (a URL or headers over 80 KB, a broken request line)
/// the API's error shape and a request id, where Hummingbird answers a bare `400` with no body. It sits in
/// each connection's pipeline after the HTTP codec: it notes the parser's error on its way in, and rewrites
/// the bare answer on its way out (the connection is closed after it, as before).
public final class UnreadableRequestAnswer: ChannelDuplexHandler, RemovableChannelHandler {
    public typealias InboundIn = HTTPRequestPart
    public typealias InboundOut = HTTPRequestPart
    public typealias OutboundIn = HTTPResponsePart
    public typealias OutboundOut = HTTPResponsePart

    private var parserError: HTTPParserError?
    private var body: ByteBuffer?

    public init() {}

    public func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? HTTPParserError { parserError = error }
        context.fireErrorCaught(error)
    }

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head) where parserError != nil && head.status == .badRequest && head.headerFields[.contentLength] == "0":
            let refusal = Self.refusal(for: parserError!)
            var buffer = ByteBuffer()
            buffer.writeBytes((try? StreamingJSONEncoder.encode(ErrorBody(errors: refusal.errors, success: nil, code: nil, message: nil))) ?? [])
            head.status = refusal.status
            head.headerFields[.contentLength] = String(buffer.readableBytes)
            head.headerFields[.contentType] = "application/json; charset=utf-8"
            head.headerFields[.requestID] = ObservabilityMiddleware.makeID()
            body = buffer
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .end(let trailers) where body != nil:
            context.write(wrapOutboundOut(.body(body!)), promise: nil)
            body = nil
            context.write(wrapOutboundOut(.end(trailers)), promise: promise)
        default:
            context.write(data, promise: promise)
        }
    }

    static func refusal(for error: HTTPParserError) -> APIError {
        switch error {
        case .headerOverflow:
            return APIError(status: .requestHeaderFieldsTooLarge, code: .requestHeaderTooLarge,
                            message: "The request line and headers are over 80 KB together (a URL that long is refused).")
        default:
            return APIError(status: .badRequest, code: .malformedRequest, message: "The request is not valid HTTP/1.1.")
        }
    }
}
