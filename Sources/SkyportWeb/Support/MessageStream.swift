import Foundation
import Hummingbird
import Operations

/// Server-sent events of the messages that arrive while a page is open: an event `message` with
/// `{id, subject, body, level}` for each new one (see `EventStream` for keep-alives and the end).
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
        return EventStream.response(every: seconds, state: known) { seen in
            try await fetch().reversed().filter { seen.insert($0.id).inserted }.map { message in
                let event = Event(id: message.id, subject: message.subject ?? "", body: message.body ?? "", level: message.level,
                                  orderId: message.orderID)
                return ServerSentEvent(id: message.id, event: "message", data: String(decoding: try JSONEncoder().encode(event), as: UTF8.self))
            }
        }
    }
}
