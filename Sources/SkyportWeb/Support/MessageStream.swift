import Foundation
import Hummingbird
import NIOCore
import Operations
import ServiceLifecycle

/// Server-sent events (`text/event-stream`) of the messages that arrive while a page is open: an event
/// `message` with `{id, subject, body, level}` for each new one, a comment every 15 seconds to keep proxies
/// from closing the line, and an end after ten minutes or when the server shuts down (the browser's EventSource
/// reconnects by itself).
enum MessageStream {
    struct Event: Encodable {
        let id: String
        let subject: String
        let body: String
        let level: String
        let orderId: String
    }

    static func response(poll seconds: Double, fetch: @escaping @Sendable () async throws -> [NotificationMessage]) async throws -> Response {
        // What is already on the page is not sent again.
        let known = Set(try await fetch().map(\.id))
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "retry: 5000\n\n"))
            // A server shutting down ends its streams at once (the browser reconnects to another instance)
            // instead of holding the shutdown until they time out.
            let shutdown = WakeUpSignal()
            try await withGracefulShutdownHandler {
                var seen = known
                let started = Date()
                var lastWrite = Date()
                while Date().timeIntervalSince(started) < 600 {
                    if await shutdown.wait(seconds: seconds).signalled || Task.isCancelled { break }
                    for message in try await fetch().reversed() where !seen.contains(message.id) {
                        seen.insert(message.id)
                        let event = Event(id: message.id, subject: message.subject ?? "", body: message.body ?? "", level: message.level,
                                          orderId: message.orderID)
                        let json = String(decoding: try JSONEncoder().encode(event), as: UTF8.self)
                        try await writer.write(ByteBuffer(string: "id: \(message.id)\nevent: message\ndata: \(json)\n\n"))
                        lastWrite = Date()
                    }
                    if Date().timeIntervalSince(lastWrite) >= 15 {
                        try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                        lastWrite = Date()
                    }
                }
            } onGracefulShutdown: {
                shutdown.signal()
            }
            try await writer.finish(nil)
        })
    }
}
