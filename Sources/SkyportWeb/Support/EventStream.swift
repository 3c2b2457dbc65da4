import Foundation
import Hummingbird
import SkyportStore
import NIOCore
import Operations
import ServiceLifecycle

/// One server-sent event.
struct ServerSentEvent: Sendable {
    let id: String?
    let event: String
    /// One line (JSON); server-sent events end a field at a newline.
    let data: String

    var text: String { (id.map { "id: \($0)\n" } ?? "") + "event: \(event)\ndata: \(data)\n\n" }
}

/// A `text/event-stream` response that asks `next` for events every few seconds: a comment after 15 seconds
/// without an event keeps proxies from closing the line, and the stream ends after ten minutes or as soon as
/// the server shuts down (instead of holding the shutdown until it times out); the browser's EventSource
/// reconnects by itself, to another instance if need be. `next` keeps what it needs between calls in `state`.
enum EventStream {
    static let maximumSeconds: Double = 600
    static let keepAliveSeconds: Double = 15

    static func response<State: Sendable>(every seconds: Double, state initial: State,
                                          next: @escaping @Sendable (inout State) async throws -> [ServerSentEvent]) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "retry: 5000\n\n"))
            let shutdown = WakeUpSignal()
            try await withGracefulShutdownHandler {
                var state = initial
                let started = Date()
                var lastWrite = Date()
                while Date().timeIntervalSince(started) < maximumSeconds {
                    if await shutdown.wait(seconds: seconds).signalled || Task.isCancelled { break }
                    let events = try await next(&state)
                    if !events.isEmpty {
                        try await writer.write(ByteBuffer(string: events.map(\.text).joined()))
                        lastWrite = Date()
                    } else if Date().timeIntervalSince(lastWrite) >= keepAliveSeconds {
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
