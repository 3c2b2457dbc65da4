import Foundation
import Logging
import Operations
import SkyportDomain
import SkyportWeb

/// The site's email through the configured SMTP relay.
struct SMTPSiteMailer: SiteMailer {
    let client: SMTPClient
    /// `SKYPORT_SMTP_FROM`.
    let from: String
    let now: @Sendable () -> Date

    func send(_ email: SiteEmail) async throws {
        _ = try await client.send(PlainTextEmail(from: from, to: email.to, subject: email.subject, body: email.body, language: email.language,
                                                 date: now(), messageID: Identifier.make(prefix: "acm")))
    }
}

/// With no relay on a site served over plain HTTP (a newcomer's `make run` on this machine): each email is written
/// to the log, link included, so that a sign-up can still be finished here. Over HTTPS (a real deployment) there is
/// no such fallback: see `UnsentSiteMailer`.
struct LoggedSiteMailer: SiteMailer {
    let logger: Logger

    func send(_ email: SiteEmail) async throws {
        logger.notice("email not sent: no SMTP relay is configured (SKYPORT_SMTP_URL); here it is", metadata: [
            "module": "web", "to": "\(email.to)", "subject": "\(email.subject)", "body": "\(email.body)",
        ])
    }
}

/// A deployment served over HTTPS without a relay: sign-up links must not land in logs, so sending fails and the
/// sign-up page says that email cannot be sent now.
struct UnsentSiteMailer: SiteMailer {
    struct NoRelay: Error, CustomStringConvertible {
        var description: String { "no SMTP relay is configured (SKYPORT_SMTP_URL)" }
    }

    func send(_ email: SiteEmail) async throws { throw NoRelay() }
}
