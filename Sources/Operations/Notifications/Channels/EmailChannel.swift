import Foundation

/// Email to the booking's contact through the configured SMTP relay: UTF-8 text, base64 in transit,
/// the subject as an RFC 2047 encoded word, and a Message-ID that stays the same when a delivery is retried.
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
        let answer = try await client.send(from: Self.address(in: from), to: message.contactEmail, data: Self.compose(message, from: from))
        return answer
    }

    /// The address between `<` and `>`, or the whole text.
    static func address(in text: String) -> String {
        guard let open = text.firstIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close else { return text }
        return String(text[text.index(after: open)..<close])
    }

    static func compose(_ message: OutgoingMessage, from: String) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(message.createdAt))
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        let body = Data(message.body.replacingOccurrences(of: "\n", with: "\r\n").utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let headers = [
            "From: \(from)",
            "To: \(message.contactEmail)",
            "Subject: =?UTF-8?B?\(Data(message.subject.utf8).base64EncodedString())?=",
            "Date: \(formatter.string(from: date))",
            "Message-ID: <\(message.notificationID)@skyport>",
            "X-Skyport-Booking: \(message.reference)",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "Content-Language: \(message.language)",
        ]
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + body
    }
}
