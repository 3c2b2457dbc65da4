import Foundation
import Logging
import SQLKit
import SkyportDomain
import SkyportStore

/// Customer accounts: sign-up confirmed by email (`AccountService+SignUp.swift`), sign-in with rate limiting,
/// sessions and the profile.
public struct AccountService: Sendable {
    /// A session lasts this long from sign-in.
    public static let sessionLifetime: TimeInterval = 30 * 24 * 3600
    /// Failed sign-ins allowed within the limiter's window: per email from one client address (that client is
    /// then stopped for that email only), per client address (one client trying many emails), and per email
    /// from every address together (guessing spread over many addresses).
    public static let failuresPerEmailAndClient = 5
    public static let failuresPerClient = 30
    public static let failuresPerEmail = 100
    static let signInLimits = AttemptLimiter.GuessLimits(name: "sign-in", perKeyAndClient: failuresPerEmailAndClient,
                                                         perClient: failuresPerClient, perKey: failuresPerEmail)
    public static let languages: Set<String> = ["en", "ko"]

    let database: any Database
    let hasher: any PasswordHasher
    let limiter: AttemptLimiter
    let now: @Sendable () -> Date
    let logger: Logger
    /// Checked when the email is unknown, so that a wrong email takes as long as a wrong password.
    private let decoy = DecoyHash()

    public init(database: any Database, hasher: any PasswordHasher, limiter: AttemptLimiter, logger: Logger,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.hasher = hasher
        self.limiter = limiter
        self.logger = logger
        self.now = now
    }

    /// Checks the password and opens a session, within `signInLimits` for this email and `client` (the caller's
    /// address): one client's wrong passwords never lock the account for anyone else.
    public func signIn(email rawEmail: String?, password: String?, client: String) async throws -> CustomerSession {
        let email = ContactRules.normalizedEmail(rawEmail ?? "") ?? (rawEmail ?? "").lowercased()
        let matched = try await limiter.guarded(Self.signInLimits, key: email, client: client) { () async throws -> String? in
            let account = try await database.read { sql in try await CustomerStore.account(email: email, on: sql) }
            let id = account?.id
            let hash = if let stored = account?.passwordHash { stored } else { await decoy.value(using: hasher) }
            let matches = await hasher.verify(password ?? "", against: hash)
            return matches ? id : nil
        }
        guard let id = matched else {
            logger.notice("sign-in failed", metadata: ["module": "accounts"])
            throw ServiceError(.unauthorized, code: .invalidCredentials, message: "The email or the password is wrong.", field: "email")
        }
        return try await openSession(for: id)
    }

    /// The session of this token, when it exists and has not expired.
    public func session(token: String) async throws -> CustomerSession? {
        guard token.hasPrefix("sst_"), token.utf8.count == 68 else { return nil }
        let at = Int64(now().timeIntervalSince1970)
        return try await database.read { sql in
            guard let session = try await CustomerSessionStore.session(tokenHash: SecretToken.hash(token), at: at, on: sql),
                  let customer = try await CustomerStore.customer(id: session.customerID, on: sql) else { return nil }
            return CustomerSession(token: token, customer: customer, expiresAt: session.expiresAt)
        }
    }

    /// Ends the session (a no-op for an unknown token).
    public func signOut(token: String) async throws {
        try await database.transaction { sql in
            try await CustomerSessionStore.close(tokenHash: SecretToken.hash(token), on: sql)
        }
    }

    /// Updates the profile's names, phone and language.
    public func updateProfile(customerID: String, _ input: ProfileInput) async throws -> Customer {
        var issues: [ValidationIssue] = []
        let given = Self.name(input.givenName, field: "given_name", issues: &issues)
        let family = Self.name(input.familyName, field: "family_name", issues: &issues)
        var phone: String?
        if let raw = input.phone?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            phone = ContactRules.normalizedPhone(raw)
            if phone == nil {
                issues.append(.init(code: .invalidPhoneNumber, field: "phone", message: "Give the number in international form, e.g. +1 212 555 0100."))
            }
        }
        let language = Self.language(input.preferredLanguage, issues: &issues)
        guard issues.isEmpty, let given, let family else { throw ValidationFailure(issues) }
        let at = Int64(now().timeIntervalSince1970)
        return try await database.transaction { [phone] sql in
            try await CustomerStore.updateProfile(id: customerID, givenName: given, familyName: family, phone: phone, language: language,
                                                  at: at, on: sql)
            guard let customer = try await CustomerStore.customer(id: customerID, on: sql) else {
                throw ServiceError(.notFound, code: .customerNotFound, message: "No such customer.")
            }
            return customer
        }
    }

    func openSession(for customerID: String) async throws -> CustomerSession {
        let token = SecretToken.make(prefix: "sst_")
        let at = Int64(now().timeIntervalSince1970)
        let expires = at + Int64(Self.sessionLifetime)
        return try await database.transaction { sql in
            try await CustomerSessionStore.open(tokenHash: SecretToken.hash(token), customerID: customerID, at: at, expiresAt: expires, on: sql)
            guard let customer = try await CustomerStore.customer(id: customerID, on: sql) else {
                throw ServiceError(.notFound, code: .customerNotFound, message: "No such customer.")
            }
            return CustomerSession(token: token, customer: customer, expiresAt: expires)
        }
    }

    static func email(_ raw: String?, issues: inout [ValidationIssue]) -> String? {
        guard let raw, !raw.trimmingCharacters(in: .whitespaces).isEmpty else {
            issues.append(.init(code: .missingField, field: "email", message: "An email address is needed."))
            return nil
        }
        guard let email = ContactRules.normalizedEmail(raw) else {
            issues.append(.init(code: .invalidEmail, field: "email", message: "'\(raw)' is not an email address."))
            return nil
        }
        return email
    }

    static func name(_ raw: String?, field: String, issues: inout [ValidationIssue]) -> String? {
        let name = (raw ?? "").trimmingCharacters(in: .whitespaces)
        guard ContactRules.isValidName(name) else {
            issues.append(.init(code: name.isEmpty ? .missingField : .invalidName, field: field,
                                message: "Give the name as on a passport: 1-30 Latin letters, spaces, hyphens or apostrophes."))
            return nil
        }
        return name.uppercased()
    }

    static func language(_ raw: String?, issues: inout [ValidationIssue]) -> String? {
        guard let raw, !raw.isEmpty else { return nil }
        guard languages.contains(raw) else {
            issues.append(.init(code: .invalidLanguage, field: "preferred_language", message: "The language is en or ko."))
            return nil
        }
        return raw
    }
}

/// A hash of a random password, made on first use (not at start-up: bcrypt is slow on purpose).
private actor DecoyHash {
    private var hash: String?

    func value(using hasher: any PasswordHasher) async -> String {
        if let hash { return hash }
        let made = await hasher.hash(UUID().uuidString)
        hash = made
        return made
    }
}
