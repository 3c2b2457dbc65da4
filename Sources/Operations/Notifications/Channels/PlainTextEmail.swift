import Foundation

/// A UTF-8 plain-text email as it goes over SMTP: the body in base64, the subject as an RFC 2047 encoded word,
/// and a Message-ID chosen by the sender, so that a retried delivery is recognisably the same message.
public struct PlainTextEmail: Sendable, Equatable {
    /// The sender, `Skyport <notifications@airline.example>`.
    public var from: String
    public var to: String
    public var subject: String
    public var body: String
    /// `Content-Language`: `en`, `ko`.
    public var language: String
    public var date: Date
    /// Without the angle brackets and domain: `ntf_…` becomes `<ntf_…@skyport>`.
    public var messageID: String
    /// More headers, in order (`X-Skyport-Booking`).
    public var extraHeaders: [Header]

    public struct Header: Sendable, Equatable {
        public let name: String
        public let value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(from: String, to: String, subject: String, body: String, language: String, date: Date, messageID: String,
                extraHeaders: [Header] = []) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.language = language
        self.date = date
        self.messageID = messageID
        self.extraHeaders = extraHeaders
    }

    /// The sender's address alone: what is between `<` and `>`, or the whole text.
    public var senderAddress: String {
        guard let open = from.firstIndex(of: "<"), let close = from.lastIndex(of: ">"), open < close else { return from }
        return String(from[from.index(after: open)..<close])
    }

    /// The message as SMTP's DATA carries it (lines end in CRLF).
    public var rendered: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        let encodedBody = Data(body.replacingOccurrences(of: "\n", with: "\r\n").utf8)
            .base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let headers = [
            "From: \(from)",
            "To: \(to)",
            "Subject: =?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?=",
            "Date: \(formatter.string(from: date))",
            "Message-ID: <\(messageID)@skyport>",
        ] + extraHeaders.map { "\($0.name): \($0.value)" } + [
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "Content-Language: \(language)",
        ]
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + encodedBody
    }
}

extension SMTPClient {
    /// Hands `email` to the relay; returns the relay's answer to the message.
    public func send(_ email: PlainTextEmail) async throws -> String {
        try await send(from: email.senderAddress, to: email.to, data: email.rendered)
    }
}
