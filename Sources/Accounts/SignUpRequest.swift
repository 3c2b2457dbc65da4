/// What a sign-up asks the site to send. The page answers every case the same way ("we sent you an email"), so
/// that it never says whether an email has an account: only the email's owner learns that, from the email.
public struct SignUpRequest: Sendable, Equatable {
    /// The email to send, if any.
    public enum Mail: Sendable, Equatable {
        /// A new email: a link carrying `token` lets its owner choose a password, which opens the account.
        case confirmation(token: String)
        /// The email has an account already: tell its owner, with a link to sign in.
        case alreadyRegistered
        /// `AccountService.signUpMailsPerEmail` emails went to this address within the window: send no more.
        case none
    }

    /// The normalized address.
    public let email: String
    /// The name to greet: the account's for a known email, the form's for a new one.
    public let givenName: String
    /// The language to write in: the account's when it has one, otherwise the visitor's.
    public let language: String?
    public let mail: Mail
}

/// A sign-up waiting for its email's owner to choose a password.
public struct PendingSignUp: Sendable, Equatable {
    public let email: String
    public let givenName: String
    public let familyName: String
    public let preferredLanguage: String?
    /// Where the visitor was going when they signed up (a local path the site checked).
    public let returnPath: String
    public let expiresAt: Int64
}
