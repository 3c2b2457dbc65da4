import Accounts
import Foundation

/// Writes the emails of sign-up in the recipient's language and hands them to the mailer. Links point at the
/// configured public address, never at the request's `Host`, which a client chooses.
public struct AccountMail: Sendable {
    let mailer: any SiteMailer
    /// `SKYPORT_PUBLIC_URL`, without a trailing slash.
    let publicURL: String

    public init(mailer: any SiteMailer, publicURL: String) {
        self.mailer = mailer
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
    }

    /// Sends what the sign-up asks for (nothing for `.none`), in `strings`' language.
    func send(_ request: SignUpRequest, strings: Strings) async throws {
        let values: [String: String]
        let kind: String
        switch request.mail {
        case .none:
            return
        case .confirmation(let token):
            kind = "confirm"
            values = ["name": Self.displayName(request.givenName), "link": "\(publicURL)/account/confirm?token=\(token)",
                      "hours": "\(Int(AccountService.signUpLinkLifetime / 3600))"]
        case .alreadyRegistered:
            kind = "registered"
            values = ["name": Self.displayName(request.givenName), "link": "\(publicURL)/account/sign-in"]
        }
        try await mailer.send(SiteEmail(to: request.email, subject: strings.format("mail.\(kind).subject", values),
                                        body: strings.format("mail.\(kind).body", values), language: strings.language.rawValue))
    }

    /// `ADA` (names are kept as on a passport) as `Ada`, for a greeting.
    static func displayName(_ given: String) -> String {
        given.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined(separator: " ")
    }
}
