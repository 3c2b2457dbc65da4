import Accounts
import Foundation
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

/// Sign-up confirmed by email: the service never tells the caller's page whether an email has an account, and
/// only the inbox's owner can create the account (and choose its password).
@Suite struct SignUpTests {
    static let ada = SignUpInput(email: "ada@example.com", givenName: "Ada", familyName: "Lovelace", preferredLanguage: "en")

    static func count(_ table: String, _ database: any Database) async throws -> Int {
        try await database.read { sql in try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()!.decode(column: "n", as: Int.self) }
    }

    static func token(_ request: SignUpRequest) throws -> String {
        guard case .confirmation(let token) = request.mail else { throw ServiceError(.conflict, code: "no_link", message: "\(request.mail)") }
        return token
    }

    @Test(arguments: TestDatabases.engines)
    func refusesBadInputAndWritesNothing(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let accounts = AccountServiceTests.service(database)
            do {
                _ = try await accounts.signUp(SignUpInput(email: "nope", givenName: "", familyName: "L0velace", preferredLanguage: "fr"),
                                              returnPath: "/account", client: "10.9.9.9")
                Issue.record("bad input should be refused")
            } catch let failure as ValidationFailure {
                #expect(Set(failure.issues.map(\.code)) == ["invalid_email", "missing_field", "invalid_name", "invalid_language"])
            }
            #expect(try await Self.count("customer_sign_ups", database) == 0)
            let token = try Self.token(try await accounts.signUp(Self.ada, returnPath: "/account", client: "10.9.9.9"))
            for password in ["short", String(repeating: "x", count: PasswordRules.maximumBytes + 1)] {
                await #expect(throws: ValidationFailure.self) { try await accounts.completeSignUp(token: token, password: password) }
            }
            #expect(try await Self.count("customers", database) == 0)
            #expect(try await accounts.pendingSignUp(token: token)?.email == "ada@example.com", "a refused password leaves the link working")
        }
    }

    /// The outcome for an email with an account is a note to its owner, and the caller sees nothing else differ:
    /// no error, no row, the same shape of answer as for a new email.
    @Test(arguments: TestDatabases.engines)
    func neverSaysWhetherAnEmailHasAnAccount(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let accounts = AccountServiceTests.service(database)
            _ = try await AccountServiceTests.signUp(accounts)
            try await database.transaction { sql in try await sql.raw("UPDATE customers SET preferred_language = 'ko'").run() }
            let taken = try await accounts.signUp(SignUpInput(email: "ADA@example.com", givenName: "Eve", familyName: "Mallory", preferredLanguage: "en"),
                                                  returnPath: "/account", client: "10.6.6.6")
            #expect(taken.email == "ada@example.com" && taken.givenName == "ADA" && taken.language == "ko" && taken.mail == .alreadyRegistered,
                    "the owner is told, in the account's language, and greeted by the account's name, not the form's")
            #expect(try await Self.count("customer_sign_ups", database) == 0, "nothing is kept for an email with an account")
            let fresh = try await accounts.signUp(SignUpInput(email: "grace@example.com", givenName: "Grace", familyName: "Hopper", preferredLanguage: "en"),
                                                  returnPath: "/account", client: "10.6.6.6")
            #expect(fresh.email == "grace@example.com" && fresh.language == "en")
            #expect(try await Self.count("customers", database) == 1, "a sign-up alone creates no account")
        }
    }

    /// Somebody who signs up with another person's email gets nothing: the link goes to that person, whose password
    /// opens the account; every other link for the email stops working then.
    @Test(arguments: TestDatabases.engines)
    func onlyTheInboxsOwnerCreatesTheAccountAndEachLinkWorksOnce(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let clock = MovableClock(Date(timeIntervalSince1970: 1_800_000_000))
            let accounts = AccountServiceTests.service(database, now: { clock.now })
            let intruders = try Self.token(try await accounts.signUp(SignUpInput(email: "ada@example.com", givenName: "Eve", familyName: "Mallory"),
                                                                     returnPath: "/account", client: "10.6.6.6"))
            let owners = try Self.token(try await accounts.signUp(Self.ada, returnPath: "/bookings/ord_1", client: "10.1.1.1"))
            #expect(intruders != owners)
            let pending = try #require(try await accounts.pendingSignUp(token: owners))
            #expect(pending.email == "ada@example.com" && pending.givenName == "ADA" && pending.returnPath == "/bookings/ord_1")
            #expect(pending.expiresAt == 1_800_000_000 + Int64(AccountService.signUpLinkLifetime))

            let (session, returnPath) = try await accounts.completeSignUp(token: owners, password: "correct horse battery")
            #expect(session.customer.email == "ada@example.com" && session.customer.familyName == "LOVELACE" && returnPath == "/bookings/ord_1")
            for used in [owners, intruders] {
                do {
                    _ = try await accounts.completeSignUp(token: used, password: "another password")
                    Issue.record("a used link, or another link for the same email, must not work")
                } catch let error as ServiceError {
                    #expect(error.code == "sign_up_link_expired")
                }
            }
            _ = try await accounts.signIn(email: "ada@example.com", password: "correct horse battery", client: "10.1.1.1")
            #expect(try await Self.count("customers", database) == 1)
            #expect(try await Self.count("customer_sign_ups", database) == 0)

            let late = try Self.token(try await accounts.signUp(SignUpInput(email: "grace@example.com", givenName: "Grace", familyName: "Hopper"),
                                                                returnPath: "/account", client: "10.1.1.1"))
            clock.advance(by: AccountService.signUpLinkLifetime)
            #expect(try await accounts.pendingSignUp(token: late) == nil)
            await #expect(throws: ServiceError.self) { try await accounts.completeSignUp(token: late, password: "correct horse battery") }
            for malformed in ["", "ssu_", "ssu_" + String(repeating: "G", count: 64), "sst_" + String(repeating: "0", count: 64)] {
                #expect(try await accounts.pendingSignUp(token: malformed) == nil)
            }
            let stored = try await database.read { sql in
                try await sql.raw("SELECT token_hash FROM customer_sign_ups").all().map { try $0.decode(column: "token_hash", as: String.self) }
            }
            #expect(!stored.contains(late), "only a hash of the link's token is stored")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func limitsSignUpsPerClientAndEmailsPerAddress(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let accounts = AccountServiceTests.service(database)
            for index in 0..<AccountService.signUpsPerClient {
                _ = try await accounts.signUp(SignUpInput(email: "person\(index)@example.com", givenName: "Ada", familyName: "Lovelace"),
                                              returnPath: "/account", client: "10.0.0.8")
            }
            do {
                _ = try await accounts.signUp(SignUpInput(email: "one.more@example.com", givenName: "Ada", familyName: "Lovelace"),
                                              returnPath: "/account", client: "10.0.0.8")
                Issue.record("the client should be limited")
            } catch let error as ServiceError {
                #expect(error.kind == .rateLimited)
            }
            // One address gets a few emails, however many clients ask; then sign-ups for it send nothing.
            for index in 0..<AccountService.signUpMailsPerEmail {
                let request = try await accounts.signUp(Self.ada, returnPath: "/account", client: "10.2.0.\(index)")
                #expect(request.mail != .none)
            }
            let quiet = try await accounts.signUp(Self.ada, returnPath: "/account", client: "10.2.1.0")
            #expect(quiet.mail == .none && quiet.email == "ada@example.com")
            #expect(try await Self.count("customer_sign_ups", database) == AccountService.signUpsPerClient + AccountService.signUpMailsPerEmail)
        }
    }
}
