import Accounts
import Foundation
import Logging
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

@Suite struct AccountServiceTests {
    static func service(_ database: any Database, now: @escaping @Sendable () -> Date = { Date() }) -> AccountService {
        AccountService(database: database, hasher: BcryptPasswordHasher(cost: 4),
                             limiter: AttemptLimiter(database: database, now: now), logger: TestDatabases.logger, now: now)
    }

    /// Signs up as the owner of the inbox does: the form, then the emailed link with the password.
    static func signUp(_ accounts: AccountService, email: String = "ada@example.com", password: String = "correct horse battery",
                       client: String = "10.9.9.9") async throws -> CustomerSession {
        let request = try await accounts.signUp(SignUpInput(email: email, givenName: "Ada", familyName: "Lovelace"), returnPath: "/account", client: client)
        guard case .confirmation(let token) = request.mail else { throw ServiceError(.conflict, code: "no_link", message: "no link was sent") }
        return try await accounts.completeSignUp(token: token, password: password).session
    }

    @Test(arguments: TestDatabases.engines)
    func signsUpSignsInAndEndsSessions(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let accounts = Self.service(database)
            let session = try await Self.signUp(accounts, email: " Ada@Example.com ")
            #expect(session.customer.email == "ada@example.com" && session.customer.familyName == "LOVELACE")
            #expect(try await accounts.session(token: session.token)?.customer.id == session.customer.id)
            let again = try await accounts.signIn(email: "ADA@example.com", password: "correct horse battery", client: "127.0.0.1")
            #expect(again.token != session.token)
            try await accounts.signOut(token: session.token)
            #expect(try await accounts.session(token: session.token) == nil)
            #expect(try await accounts.session(token: again.token) != nil)
            let stored = try await database.read { sql in
                try await sql.raw("SELECT token_hash FROM customer_sessions").all().map { try $0.decode(column: "token_hash", as: String.self) }
            }
            #expect(!stored.contains(again.token), "only a hash of the token is stored")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func limitsFailedSignInsPerEmailAndPerClient(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let clock = MovableClock(Date(timeIntervalSince1970: 1_800_000_000))
            let accounts = Self.service(database, now: { clock.now })
            _ = try await Self.signUp(accounts)
            for _ in 0..<AccountService.failuresPerEmailAndClient {
                await #expect(throws: ServiceError.self) { try await accounts.signIn(email: "ada@example.com", password: "wrong", client: "10.0.0.1") }
            }
            do {
                _ = try await accounts.signIn(email: "ada@example.com", password: "correct horse battery", client: "10.0.0.1")
                Issue.record("the email should be locked for this client")
            } catch let error as ServiceError {
                #expect(error.kind == .rateLimited && error.code == "too_many_attempts")
            }
            // Another client (the real customer) is not locked out by someone else's guesses.
            _ = try await accounts.signIn(email: "ada@example.com", password: "correct horse battery", client: "10.0.0.2")
            // Guessing spread over many addresses stops at the per-email limit, for everyone.
            for index in 0..<(AccountService.failuresPerEmail - AccountService.failuresPerEmailAndClient) {
                _ = try? await accounts.signIn(email: "ada@example.com", password: "wrong", client: "10.1.\(index / 4).\(index % 4)")
            }
            await #expect(throws: ServiceError.self) {
                try await accounts.signIn(email: "ada@example.com", password: "correct horse battery", client: "10.0.0.2")
            }
            clock.advance(by: 15 * 60 + 1)
            _ = try await accounts.signIn(email: "ada@example.com", password: "correct horse battery", client: "10.0.0.2")
            // Unknown emails count against the client too.
            for index in 0..<AccountService.failuresPerClient {
                _ = try? await accounts.signIn(email: "nobody\(index)@example.com", password: "x", client: "10.0.0.3")
            }
            await #expect(throws: ServiceError.self) {
                try await accounts.signIn(email: "ada@example.com", password: "correct horse battery", client: "10.0.0.3")
            }
        }
    }
}
