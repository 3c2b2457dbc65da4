import Foundation

/// Email to the booking's contact through the configured SMTP relay (`PlainTextEmail`), with a Message-ID that
/// stays the same when a delivery is retried.
public struct EmailChannel: NotificationChannel {
    public let name = "email"
    let client: SMTPClient
    /// The sender, `Skyport <notifications@airline.example>`.
    let from: String

    public init(client: SMTPClient, from: String) {
        self.client = client
        self.from = from
    }

    public func deliver(_ message: OutgoingMessage, target: String) async throws -> String {
        try await client.send(Self.email(message, from: from))
    }

    static func email(_ message: OutgoingMessage, from: String) -> PlainTextEmail {
        PlainTextEmail(from: from, to: message.contactEmail, subject: message.subject, body: message.body, language: message.language,
                       date: Date(timeIntervalSince1970: TimeInterval(message.createdAt)), messageID: message.notificationID,
                       extraHeaders: [.init("X-Skyport-Booking", message.reference)])
    }
}
