import Foundation
import Logging
import SQLKit
import SkyportDomain
import SkyportStore

/// Sign-up in two steps, so that nobody learns from the site whether an email has an account: the form asks for
/// the names and the email and always answers "check your inbox"; the email's owner gets either a link to choose a
/// password (which creates the account) or, when the email has an account, a note saying so. The account is only
/// ever created by whoever reads that inbox, so nobody can open an account in another person's name and keep a
/// password to it.
extension AccountService {
    /// Sign-up attempts allowed per client address within the limiter's window, whatever their outcome.
    public static let signUpsPerClient = 10
    /// Emails sent to one address within the limiter's window; more sign-ups for it are answered alike but send
    /// nothing, so that the form cannot be used to flood somebody's inbox.
    public static let signUpMailsPerEmail = 3
    /// How long the link to choose a password works.
    public static let signUpLinkLifetime: TimeInterval = 24 * 3600

    /// Checks the form and decides what to email; `client` (the caller's address) is limited to `signUpsPerClient`.
    /// `returnPath` is kept with a new sign-up for the page after the password is chosen. The caller must answer
    /// every outcome alike.
    public func signUp(_ input: SignUpInput, returnPath: String, client: String) async throws -> SignUpRequest {
        let clientSubject = "sign-up:client:\(client)"
        try await limiter.ensureAllowed([.init(subject: clientSubject, limit: Self.signUpsPerClient)])
        try await limiter.recordFailure([clientSubject])
        var issues: [ValidationIssue] = []
        let email = Self.email(input.email, issues: &issues)
        let given = Self.name(input.givenName, field: "given_name", issues: &issues)
        let family = Self.name(input.familyName, field: "family_name", issues: &issues)
        let language = Self.language(input.preferredLanguage, issues: &issues)
        guard issues.isEmpty, let email, let given, let family else { throw ValidationFailure(issues) }

        let existing = try await database.read { sql in try await CustomerStore.account(email: email, on: sql) }
        let greeting = existing?.givenName ?? given
        let answerLanguage = existing.map { $0.language } ?? language
        let mailSubject = "sign-up:email:\(email)"
        do {
            try await limiter.ensureAllowed([.init(subject: mailSubject, limit: Self.signUpMailsPerEmail)])
        } catch let error as ServiceError where error.kind == .rateLimited {
            logger.notice("sign-up email not sent: enough went to this address", metadata: ["module": "accounts"])
            return SignUpRequest(email: email, givenName: greeting, language: answerLanguage, mail: .none)
        }
        try await limiter.recordFailure([mailSubject])
        guard existing == nil else {
            return SignUpRequest(email: email, givenName: greeting, language: answerLanguage, mail: .alreadyRegistered)
        }
        let token = SecretToken.make(prefix: "ssu_")
        let at = Int64(now().timeIntervalSince1970)
        try await database.transaction { sql in
            try await SignUpStore.insert(tokenHash: SecretToken.hash(token), email: email, givenName: given, familyName: family, language: language,
                                         returnPath: returnPath, at: at, expiresAt: at + Int64(Self.signUpLinkLifetime), on: sql)
        }
        return SignUpRequest(email: email, givenName: given, language: language, mail: .confirmation(token: token))
    }

    /// The sign-up behind an emailed link, while the link works.
    public func pendingSignUp(token: String) async throws -> PendingSignUp? {
        guard Self.isWellFormedSignUpToken(token) else { return nil }
        let at = Int64(now().timeIntervalSince1970)
        return try await database.read { sql in
            try await SignUpStore.pending(tokenHash: SecretToken.hash(token), at: at, on: sql)
        }
    }

    /// Creates the account of the link's sign-up with `password` and signs it in. Every other link for the same
    /// email stops working. Throws `sign_up_link_expired` for a used or expired link, and `email_taken` when the
    /// email got an account meanwhile (only the inbox's owner can see that).
    public func completeSignUp(token: String, password: String?) async throws -> (session: CustomerSession, returnPath: String) {
        var issues: [ValidationIssue] = []
        let password = Self.password(password, issues: &issues)
        guard issues.isEmpty, let password else { throw ValidationFailure(issues) }
        guard let pending = try await pendingSignUp(token: token) else {
            throw Self.linkExpired
        }
        let hash = await hasher.hash(password)
        let id = Identifier.make(prefix: "cus")
        let at = Int64(now().timeIntervalSince1970)
        let created = try await database.transaction { sql in
            guard try await SignUpStore.use(tokenHash: SecretToken.hash(token), email: pending.email, on: sql) else {
                return false  // another request used the link first
            }
            return try await CustomerStore.insert(id: id, email: pending.email, passwordHash: hash, givenName: pending.givenName,
                                                  familyName: pending.familyName, language: pending.preferredLanguage, at: at, on: sql)
        }
        guard created else {
            let exists = try await database.read { sql in
                try await CustomerStore.account(email: pending.email, on: sql) != nil
            }
            if exists {
                throw Self.emailTaken
            }
            throw Self.linkExpired
        }
        logger.info("customer signed up", metadata: ["module": "accounts", "customer_id": "\(id)"])
        return (try await openSession(for: id), pending.returnPath)
    }

    /// Creates an account without an email round trip, for operators' tools (the replay's guest account); the
    /// site's sign-up never calls it. Throws `email_taken` when the email has an account.
    public func createAccount(_ input: SignUpInput, password rawPassword: String?) async throws -> Customer {
        var issues: [ValidationIssue] = []
        let email = Self.email(input.email, issues: &issues)
        let given = Self.name(input.givenName, field: "given_name", issues: &issues)
        let family = Self.name(input.familyName, field: "family_name", issues: &issues)
        let password = Self.password(rawPassword, issues: &issues)
        let language = Self.language(input.preferredLanguage, issues: &issues)
        guard issues.isEmpty, let email, let given, let family, let password else { throw ValidationFailure(issues) }
        let hash = await hasher.hash(password)
        let id = Identifier.make(prefix: "cus")
        let at = Int64(now().timeIntervalSince1970)
        return try await database.transaction { sql in
            guard try await CustomerStore.insert(id: id, email: email, passwordHash: hash, givenName: given, familyName: family,
                                                 language: language, at: at, on: sql),
                  let customer = try await CustomerStore.customer(id: id, on: sql) else {
                throw Self.emailTaken
            }
            return customer
        }
    }

    static let linkExpired = ServiceError(.notFound, code: .signUpLinkExpired, message: "This link has expired or was used already; sign up again.")
    static let emailTaken = ServiceError(.conflict, code: .emailTaken, message: "An account with this email exists; sign in instead.", field: "email")

    /// Whether `token` has the shape of a sign-up link's token (`ssu_` and 64 hex digits), before any look-up.
    public static func isWellFormedSignUpToken(_ token: String) -> Bool {
        token.hasPrefix("ssu_") && token.utf8.count == 68 && token.utf8.dropFirst(4).allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    static func password(_ raw: String?, issues: inout [ValidationIssue]) -> String? {
        let password = raw ?? ""
        if password.count < PasswordRules.minimumLength {
            issues.append(.init(code: .passwordTooShort, field: "password",
                                message: "The password needs at least \(PasswordRules.minimumLength) characters."))
            return nil
        }
        if password.utf8.count > PasswordRules.maximumBytes {
            issues.append(.init(code: .passwordTooLong, field: "password",
                                message: "The password can be at most \(PasswordRules.maximumBytes) bytes long."))
            return nil
        }
        return password
    }
}
