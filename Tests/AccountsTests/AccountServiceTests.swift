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

    @Test(arguments: TestDatabases.engines)
    func signsUpSignsInAndEndsSessions(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let accounts = Self.service(database)
            let session = try await accounts.signUp(SignUpInput(email: " Ada@Example.com ", password: "correct horse battery",
                                                                givenName: "Ada", familyName: "Lovelace"), client: "10.9.9.9")
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
    func refusesBadInputAndDuplicateEmails(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let accounts = Self.service(database)
            await #expect(throws: ValidationFailure.self) {
                try await accounts.signUp(SignUpInput(email: "nope", password: "short", givenName: "", familyName: "L0velace"), client: "10.9.9.9")
            }
            _ = try await accounts.signUp(SignUpInput(email: "ada@example.com", password: "correct horse battery", givenName: "Ada", familyName: "Lovelace"), client: "10.9.9.9")
            await #expect(throws: ServiceError.self) {
                try await accounts.signUp(SignUpInput(email: "ada@example.com", password: "another password", givenName: "Ada", familyName: "King"), client: "10.9.9.9")
            }
            let count = try await database.read { sql in try await sql.raw("SELECT COUNT(*) AS n FROM customers").first()!.decode(column: "n", as: Int.self) }
            #expect(count == 1)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func limitsFailedSignInsPerEmailAndPerClient(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let clock = MovableClock(Date(timeIntervalSince1970: 1_800_000_000))
            let accounts = Self.service(database, now: { clock.now })
            _ = try await accounts.signUp(SignUpInput(email: "ada@example.com", password: "correct horse battery", givenName: "Ada", familyName: "Lovelace"), client: "10.9.9.9")
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

    @Test(arguments: TestDatabases.engines)
    func signUpsAreLimitedPerClient(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let accounts = Self.service(database)
            for index in 0..<AccountService.signUpsPerClient {
                _ = try await accounts.signUp(SignUpInput(email: "person\(index)@example.com", password: "correct horse battery",
                                                          givenName: "Ada", familyName: "Lovelace"), client: "10.0.0.8")
            }
            do {
                _ = try await accounts.signUp(SignUpInput(email: "one.more@example.com", password: "correct horse battery", givenName: "Ada",
                                                          familyName: "Lovelace"), client: "10.0.0.8")
                Issue.record("the client should be limited")
            } catch let error as ServiceError {
                #expect(error.kind == .rateLimited)
            }
            _ = try await accounts.signUp(SignUpInput(email: "one.more@example.com", password: "correct horse battery", givenName: "Ada",
                                                      familyName: "Lovelace"), client: "10.0.0.9")
        }
    }
}
