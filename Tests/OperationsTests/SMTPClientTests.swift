import Foundation
import Operations
import SkyportTestSupport
import Testing

/// Email to passengers through a relay: STARTTLS when offered, implicit TLS, and credentials never in clear
/// unless configured for a local relay (issue 16, defect 5).
@Suite struct SMTPClientTests {
    static let message = "Subject: Your flight\r\n\r\nDelayed 90 minutes."

    func client(_ url: String, trusting authority: String? = nil, cleartext: Bool = false) throws -> SMTPClient {
        var relay = try #require(SMTPClient.Relay(url: url))
        relay.trustRootsPath = authority
        relay.allowsCleartextAuthentication = cleartext
        return SMTPClient(relay: relay, timeoutSeconds: 10)
    }

    /// STARTTLS when the relay offers it (`smtp://`), or TLS from the first byte (`smtps://`): the credentials and
    /// the message go over TLS either way.
    @Test(arguments: [(scheme: "smtp", implicitTLS: false), (scheme: "smtps", implicitTLS: true)])
    func credentialsAndMessageGoOverTLS(scheme: String, implicitTLS: Bool) async throws {
        let certificates = try TestCertificates()
        let sink = try await SMTPSink(tls: certificates, implicitTLS: implicitTLS)
        _ = try await client("\(scheme)://mailer:s3cret@localhost:\(sink.port)", trusting: certificates.authorityPath)
            .send(from: "ops@fly.example", to: "ada@example.com", data: Self.message)
        #expect(sink.authenticated == [.init(username: "mailer", encrypted: true)])
        #expect(sink.received.map(\.encrypted) == [true])
        try await sink.close()
    }

    @Test func credentialsAreNotSentToARelayWithoutTLS() async throws {
        let sink = try await SMTPSink()
        do {
            _ = try await client("smtp://mailer:s3cret@127.0.0.1:\(sink.port)").send(from: "ops@fly.example", to: "ada@example.com", data: Self.message)
            Issue.record("the credentials should not have been sent")
        } catch let failure as DeliveryFailure {
            #expect(failure.permanent && failure.detail.contains("STARTTLS") && !failure.detail.contains("s3cret"))
        }
        #expect(sink.authenticated.isEmpty && sink.received.isEmpty)
        // Configured for a relay on this host, they are.
        _ = try await client("smtp://mailer:s3cret@127.0.0.1:\(sink.port)", cleartext: true)
            .send(from: "ops@fly.example", to: "ada@example.com", data: Self.message)
        #expect(sink.authenticated == [.init(username: "mailer", encrypted: false)])
        // A relay that needs no credentials takes mail in clear, as before.
        _ = try await client("smtp://127.0.0.1:\(sink.port)").send(from: "ops@fly.example", to: "ada@example.com", data: Self.message)
        #expect(sink.received.map(\.encrypted) == [false, false])
        try await sink.close()
    }

    @Test func aCertificateThatDoesNotVerifyStopsTheMessage() async throws {
        let certificates = try TestCertificates()
        let sink = try await SMTPSink(tls: certificates)
        // Another authority, then the system's roots: the handshake fails and nothing falls back to clear text.
        for authority in [certificates.unrelatedAuthorityPath, nil] {
            await #expect(throws: (any Error).self) {
                try await client("smtp://mailer:s3cret@localhost:\(sink.port)", trusting: authority)
                    .send(from: "ops@fly.example", to: "ada@example.com", data: Self.message)
            }
        }
        #expect(sink.authenticated.isEmpty && sink.received.isEmpty)
        try await sink.close()
    }
}
