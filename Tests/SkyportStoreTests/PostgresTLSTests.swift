import Foundation
import SQLKit
import SkyportStore
import SkyportTestSupport
import Testing

/// libpq's `sslmode` read from the URL, without a server.
@Suite struct PostgresURLTests {
    @Test(arguments: [
        ("postgres://u:p@db/skyport", PostgresConnectionOptions.TLSMode.prefer),
        ("postgres://u:p@db/skyport?sslmode=disable", .disable),
        ("postgres://u:p@db/skyport?sslmode=prefer", .prefer),
        ("postgres://u:p@db/skyport?sslmode=require", .require),
        ("postgres://u:p@db/skyport?sslmode=REQUIRE", .require),
        ("postgres://u:p@db/skyport?sslmode=verify-ca", .verifyCA),
        ("postgres://u:p@db/skyport?sslmode=verify-full", .verifyFull),
        ("postgres://u:p@db/skyport?tlsmode=require", .require),
        ("postgres://u:p@db/skyport?ssl=true", .require),
        ("postgres://u:p@db/skyport?ssl=false", .disable),
        ("postgresql://u:p@db/skyport?connect_timeout=5&sslmode=verify-full&sslrootcert=/etc/ca.pem", .verifyFull),
    ])
    func readsTheTLSModeAsLibpqDoes(url: String, mode: PostgresConnectionOptions.TLSMode) throws {
        let options = try PostgresConnectionOptions(url: url)
        #expect(options.tlsMode == mode)
        #expect(options.host == "db" && options.port == 5432 && options.username == "u" && options.password == "p" && options.database == "skyport")
    }

    @Test(arguments: [
        "postgres://u:s3cret@db/skyport?sslmode=allow",
        "postgres://u:s3cret@db/skyport?sslmode=verify_full",
        "postgres://u:s3cret@db/skyport?sslmode=s3cret",
        "postgres://u:s3cret@db/skyport?sslmode=require&ssl=false",
        "postgres://u:s3cret@db/skyport?sslmode=verify-full&sslcert=/c.pem&sslkey=/k.pem",
        "postgres://u:s3cret@db/skyport?sslmode=require&sslrootcert=/ca.pem",
        "postgres://u:s3cret@db:99999/skyport",
    ])
    func refusesWhatItCannotHonourWithoutPrintingThePassword(url: String) {
        #expect {
            try PostgresConnectionOptions(url: url)
        } throws: { error in
            !"\(error)".contains("s3cret") && "\(error)".hasPrefix("invalid database URL")
        }
        // The configuration refuses it at start-up too, with the same care.
        #expect(throws: DatabaseError.self) { try DatabaseLocation(url: url) }
    }
}

/// Against the test server, which speaks TLS with a certificate for `localhost` from a throwaway CA
/// (`scripts/ci/postgres.sh`): verification happens, and `require` really encrypts.
@Suite(.enabled(if: TestServerTLS.directory != nil, "needs SKYPORT_TEST_POSTGRES_URL and SKYPORT_TEST_POSTGRES_TLS_DIR"))
struct PostgresTLSTests {

    /// The test server's URL on `host` with `query`.
    func url(host: String, _ query: String) throws -> String {
        let base = try #require(TestDatabases.postgresURL)
        var components = try #require(URLComponents(string: base))
        components.host = host
        components.query = query
        return try #require(components.string)
    }

    /// Whether the connection `url` opens is encrypted, as the server sees it: through one connection (which
    /// throws what the handshake refused), then through the store's pool.
    func encrypted(_ url: String) async throws -> Bool {
        let checked = try await PostgresStore.checkConnection(url: url, logger: TestDatabases.logger)
        let store = try PostgresStore(url: url, maximumConnections: 1, logger: TestDatabases.logger)
        let pooled = try await store.read { sql in
            try await sql.raw("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").first()?.decode(column: "ssl", as: Bool.self)
        }
        await store.close()
        #expect(pooled == checked)
        return checked
    }

    /// What refusing `url` says: the reason, never the password.
    func refusal(_ url: String) async -> String? {
        do {
            _ = try await PostgresStore.checkConnection(url: url, logger: TestDatabases.logger)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func verifyFullConnectsWithTheRightAuthorityAndHostName() async throws {
        let ca = try #require(TestServerTLS.directory) + "/ca.crt"
        #expect(try await encrypted(url(host: "localhost", "sslmode=verify-full&sslrootcert=\(ca)")))
    }

    @Test func verifyFullRefusesAnotherHostName() async throws {
        let ca = try #require(TestServerTLS.directory) + "/ca.crt"
        // The certificate names localhost only; 127.0.0.1 is the same server under a name it does not carry.
        let wrongHost = try url(host: "127.0.0.1", "sslmode=verify-full&sslrootcert=\(ca)")
        var withPassword = try #require(URLComponents(string: wrongHost))
        withPassword.password = "s3cret"  // the server trusts loopback, so the password is never checked
        let withPasswordURL = try #require(withPassword.string)
        let refused = try #require(await refusal(withPasswordURL))
        #expect(refused.contains("sslmode=verify-full") && refused.contains("127.0.0.1") && !refused.contains("s3cret"))
        // verify-ca checks the authority but not the name, as in libpq.
        #expect(try await encrypted(url(host: "127.0.0.1", "sslmode=verify-ca&sslrootcert=\(ca)")))
    }

    @Test func verificationRefusesAnotherAuthority() async throws {
        let other = try #require(TestServerTLS.directory) + "/other-ca.crt"
        #expect(try await refusal(url(host: "localhost", "sslmode=verify-full&sslrootcert=\(other)")) != nil)
        #expect(try await refusal(url(host: "localhost", "sslmode=verify-ca&sslrootcert=\(other)")) != nil)
        // Without sslrootcert the system's roots are used, and they do not know the test CA.
        #expect(try await refusal(url(host: "localhost", "sslmode=verify-full")) != nil)
    }

    @Test func requireEncryptsAndDisableDoesNot() async throws {
        #expect(try await encrypted(url(host: "127.0.0.1", "sslmode=require")))
        #expect(try await encrypted(url(host: "127.0.0.1", "tlsmode=REQUIRE")))
        #expect(try await encrypted(url(host: "127.0.0.1", "ssl=true")))
        #expect(try await encrypted(url(host: "127.0.0.1", "")))  // prefer, the default, when the server offers TLS
        #expect(try await encrypted(url(host: "127.0.0.1", "sslmode=disable")) == false)
    }
}

/// The folder with the test server's CA (`scripts/ci/postgres.sh tls-dir`), when the tests have that server.
enum TestServerTLS {
    static let directory: String? = {
        guard TestDatabases.postgresURL != nil,
              let directory = ProcessInfo.processInfo.environment["SKYPORT_TEST_POSTGRES_TLS_DIR"],
              FileManager.default.fileExists(atPath: directory + "/ca.crt") else { return nil }
        return directory
    }()
}
