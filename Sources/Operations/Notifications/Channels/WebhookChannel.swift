import Crypto
import Foundation
import SQLKit
import SkyportStore

/// Signed webhooks to the endpoints operators registered: a JSON event per message, with
/// `X-Skyport-Signature: sha256=<hex HMAC-SHA256 of the body with the endpoint's secret>`, the delivery id
/// (the same on every retry, for the receiver to drop repeats) and the event type. A 2xx answer delivers;
/// a 4xx other than 408 and 429 is permanent; anything else is tried again.
public struct WebhookChannel: NotificationChannel {
    public let name = "webhook"
    let database: any Database
    let poster: HTTPPoster

    /// `destinations` are checked against the address each delivery connects to.
    public init(database: any Database, destinations: WebhookDestinations = .publicOnly, timeoutSeconds: Int64 = 10) {
        self.database = database
        poster = HTTPPoster(timeoutSeconds: timeoutSeconds, destinations: destinations)
    }

    public static let eventType = "order.disruption_notified"

    public func deliver(_ message: OutgoingMessage, target: String) async throws -> String {
        guard let endpoint = try await database.read({ sql in try await WebhookEndpointStore.target(target, on: sql) }) else {
            throw DeliveryFailure("the endpoint \(target) no longer exists", permanent: true)
        }
        guard !endpoint.disabled else {
            throw DeliveryFailure("the endpoint \(target) is disabled", permanent: true)
        }
        guard let url = URL(string: endpoint.url) else {
            throw DeliveryFailure("the endpoint's URL cannot be read", permanent: true)
        }
        let body = Self.body(message)
        let answer = try await poster.post(url, body: body, headers: [
            ("Content-Type", "application/json"),
            ("User-Agent", "Skyport-Webhooks/1"),
            ("X-Skyport-Event", Self.eventType),
            ("X-Skyport-Delivery", message.deliveryID),
            ("X-Skyport-Signature", Self.signature(of: body, secret: endpoint.secret)),
        ])
        let summary = "HTTP \(answer.status)\(answer.body.isEmpty ? "" : ": \(answer.body.prefix(200))")"
        switch answer.status {
        case 200..<300: return summary
        case 408, 429: throw DeliveryFailure(summary)
        case 400..<500: throw DeliveryFailure(summary, permanent: true)
        default: throw DeliveryFailure(summary)
        }
    }

    /// `sha256=` and the hex HMAC-SHA256 of `body` keyed with `secret`.
    public static func signature(of body: Data, secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + code.map { String(format: "%02x", $0) }.joined()
    }

    /// The event: its id (the delivery), type, time and the message with what it says as data.
    static func body(_ message: OutgoingMessage) -> Data {
        let content = message.content.isEmpty ? "null" : message.content
        let text = """
            {"id":\(json(message.deliveryID)),"type":\(json(eventType)),"created_at":\(message.createdAt),\
            "data":{"notification_id":\(json(message.notificationID)),"disruption_id":\(json(message.disruptionID)),\
            "level":\(json(message.level)),"order_id":\(json(message.orderID)),"booking_reference":\(json(message.reference)),\
            "language":\(json(message.language)),"subject":\(json(message.subject)),"body":\(json(message.body)),"content":\(content)}}
            """
        return Data(text.utf8)
    }

    static func json(_ text: String) -> String {
        String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }
}
