/// One plain-text email the site sends about an account.
public struct SiteEmail: Sendable, Equatable {
    public let to: String
    public let subject: String
    public let body: String
    /// The language it is written in (`Content-Language`).
    public let language: String

    public init(to: String, subject: String, body: String, language: String) {
        self.to = to
        self.subject = subject
        self.body = body
        self.language = language
    }
}

/// Sends the site's own email, one message at a time, throwing when it could not be handed over. Skyport's
/// adapters (in SkyportApp): the configured SMTP relay, or the log when no relay is configured.
public protocol SiteMailer: Sendable {
    func send(_ email: SiteEmail) async throws
}
