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

        let existing = try await database.read { sql in
            try await sql.raw("SELECT given_name, preferred_language FROM customers WHERE email = \(bind: email)").first()
        }
        let greeting = try existing?.decode(column: "given_name", as: String.self) ?? given
        let answerLanguage = try existing?.decode(column: "preferred_language", as: String?.self) ?? language
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
            try await sql.raw("DELETE FROM customer_sign_ups WHERE expires_at <= \(bind: at)").run()
            try await sql.raw("""
                INSERT INTO customer_sign_ups (token_hash, email, given_name, family_name, preferred_language, return_path, created_at, expires_at)
                VALUES (\(bind: SecretToken.hash(token)), \(bind: email), \(bind: given), \(bind: family), \(bind: language),
                        \(bind: returnPath), \(bind: at), \(bind: at + Int64(Self.signUpLinkLifetime)))
                """).run()
        }
        return SignUpRequest(email: email, givenName: given, language: language, mail: .confirmation(token: token))
    }

    /// The sign-up behind an emailed link, while the link works.
    public func pendingSignUp(token: String) async throws -> PendingSignUp? {
        guard Self.isWellFormedSignUpToken(token) else { return nil }
        let at = Int64(now().timeIntervalSince1970)
        return try await database.read { sql in
            try await sql.raw("""
                SELECT email, given_name, family_name, preferred_language, return_path, expires_at FROM customer_sign_ups
                WHERE token_hash = \(bind: SecretToken.hash(token)) AND expires_at > \(bind: at)
                """).first().map { row in
                PendingSignUp(email: try row.decode(column: "email", as: String.self), givenName: try row.decode(column: "given_name", as: String.self),
                              familyName: try row.decode(column: "family_name", as: String.self),
                              preferredLanguage: try row.decode(column: "preferred_language", as: String?.self),
                              returnPath: try row.decode(column: "return_path", as: String.self),
                              expiresAt: try row.decode(column: "expires_at", as: Int64.self))
            }
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
            guard try await sql.raw("DELETE FROM customer_sign_ups WHERE token_hash = \(bind: SecretToken.hash(token)) RETURNING email").first() != nil else {
                return false  // another request used the link first
            }
            try await sql.raw("DELETE FROM customer_sign_ups WHERE email = \(bind: pending.email)").run()
            return try await Self.insertCustomer(id: id, email: pending.email, passwordHash: hash, givenName: pending.givenName,
                                                 familyName: pending.familyName, language: pending.preferredLanguage, at: at, on: sql)
        }
        guard created else {
            let exists = try await database.read { sql in
                try await sql.raw("SELECT id FROM customers WHERE email = \(bind: pending.email)").first() != nil
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
            guard try await Self.insertCustomer(id: id, email: email, passwordHash: hash, givenName: given, familyName: family,
                                                language: language, at: at, on: sql),
                  let customer = try await Self.customer(id: id, on: sql) else {
                throw Self.emailTaken
            }
            return customer
        }
    }

    static let linkExpired = ServiceError(.notFound, code: .signUpLinkExpired, message: "This link has expired or was used already; sign up again.")
    static let emailTaken = ServiceError(.conflict, code: .emailTaken, message: "An account with this email exists; sign in instead.", field: "email")

    /// Inserts the account unless the email has one already; whether it did.
    private static func insertCustomer(id: String, email: String, passwordHash: String, givenName: String, familyName: String,
                                       language: String?, at: Int64, on sql: any SQLDatabase) async throws -> Bool {
        try await !sql.raw("""
            INSERT INTO customers (id, email, password_hash, given_name, family_name, preferred_language, created_at, updated_at)
            VALUES (\(bind: id), \(bind: email), \(bind: passwordHash), \(bind: givenName), \(bind: familyName), \(bind: language),
                    \(bind: at), \(bind: at))
            ON CONFLICT (email) DO NOTHING RETURNING id
            """).all().isEmpty
    }

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
