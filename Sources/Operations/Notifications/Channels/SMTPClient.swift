import Foundation
import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL

/// Sends one message through an SMTP relay (RFC 5321).
///
/// - `smtps://host[:465]`: TLS from the first byte (implicit TLS, RFC 8314).
/// - `smtp://host[:25]`: STARTTLS (RFC 3207) whenever the relay offers it; a relay that offers it and then
///   fails the handshake gets nothing, not a fall-back to clear text.
/// - `user:password@` adds AUTH PLAIN, which is sent only over TLS: a relay that does not offer STARTTLS is
///   refused rather than given the credentials in clear, unless `allowsCleartextAuthentication` says that
///   this relay is on the same host or a trusted network.
///
/// The relay's certificate is checked against the system's roots (or `trustRoots`) and its host name.
public struct SMTPClient: Sendable {
    public struct Relay: Sendable, Equatable {
        public var host: String
        public var port: Int
        /// Implicit TLS (`smtps`).
        public var tls: Bool
        public var username: String?
        public var password: String?
        /// Send credentials over a connection without TLS (only for a relay on this host or a trusted network).
        public var allowsCleartextAuthentication = false
        /// A PEM file of the authorities that sign the relay's certificate (a private relay); nil: the system's roots.
        public var trustRootsPath: String?

        /// Reads `smtp://[user:password@]host[:port]` or `smtps://...`.
        public init?(url text: String) {
            guard let components = URLComponents(string: text), let scheme = components.scheme, ["smtp", "smtps"].contains(scheme),
                  let host = components.host, !host.isEmpty else { return nil }
            self.host = host
            tls = scheme == "smtps"
            port = components.port ?? (tls ? 465 : 25)
            username = components.user?.removingPercentEncoding
            password = components.password?.removingPercentEncoding
        }

        /// The URL with the password hidden, for logs and messages.
        public var redacted: String {
            "\(tls ? "smtps" : "smtp")://\(username.map { "\($0):***@" } ?? "")\(host):\(port)"
        }
    }

    public let relay: Relay
    /// The host name this client gives in EHLO.
    public let clientName: String
    public let timeoutSeconds: Int64

    public init(relay: Relay, clientName: String = "skyport", timeoutSeconds: Int64 = 30) {
        self.relay = relay
        self.clientName = clientName
        self.timeoutSeconds = timeoutSeconds
    }

    /// The TLS settings for the relay: full verification, against `trustRootsPath` when given.
    func tlsContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let path = relay.trustRootsPath {
            configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(path))
        }
        return try NIOSSLContext(configuration: configuration)
    }

    /// Sends `data` (a whole RFC 5322 message, CRLF line ends) from `sender` to `recipient`; returns the
    /// relay's answer to the message. A 5xx answer is a permanent failure, anything else temporary.
    public func send(from sender: String, to recipient: String, data: String) async throws -> String {
        try await withThrowingTaskGroup(of: String.self) { group in
            group.addTask { try await session(from: sender, to: recipient, data: data) }
            group.addTask {
                try await Task.sleep(for: .seconds(timeoutSeconds))
                throw DeliveryFailure("the SMTP relay did not answer within \(timeoutSeconds) s")
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    func session(from sender: String, to recipient: String, data: String) async throws -> String {
        let relay = self.relay
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            let context = try tlsContext()
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(10))
                .connect(host: relay.host, port: relay.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if relay.tls {
                            try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: context, serverHostname: Self.sniName(relay.host)))
                        }
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw DeliveryFailure("cannot reach the SMTP relay \(relay.host):\(relay.port): \(error)")
        }
        let upgrade = { @Sendable () async throws in
            let context = try tlsContext()
            try await channel.channel.eventLoop.submit {
                try channel.channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: context, serverHostname: Self.sniName(relay.host)),
                                                                      position: .first)
            }.get()
        }
        return try await channel.executeThenClose { inbound, outbound in
            var lines = inbound.makeAsyncIterator()
            func reply() async throws -> (code: Int, text: String) {
                var text = ""
                while let buffer = try await lines.next() {
                    let line = String(buffer: buffer).trimmingCharacters(in: .newlines)
                    text += (text.isEmpty ? "" : " ") + line
                    // `250-` continues, `250 ` ends a reply.
                    if line.count < 4 || Array(line)[3] != "-" {
                        guard let code = Int(line.prefix(3)) else { throw DeliveryFailure("the relay answered \"\(line)\"") }
                        return (code, text)
                    }
                }
                throw DeliveryFailure("the relay closed the connection")
            }
            /// Sends `command` (none for the greeting) and checks the answer; failures name `step`, never the command
            /// (it may carry credentials).
            func expect(_ expected: Int, after command: String?, step: String) async throws -> String {
                if let command { try await outbound.write(ByteBuffer(string: command + "\r\n")) }
                let answer = try await reply()
                guard answer.code == expected else {
                    throw DeliveryFailure("\(step): \(answer.text)", permanent: answer.code >= 500)
                }
                return answer.text
            }
            _ = try await expect(220, after: nil, step: "greeting")
            var extensions = try await expect(250, after: "EHLO \(clientName)", step: "EHLO")
            var encrypted = relay.tls
            if !encrypted, Self.offers("STARTTLS", in: extensions) {
                _ = try await expect(220, after: "STARTTLS", step: "STARTTLS")
                try await upgrade()
                encrypted = true
                // What was said before TLS no longer counts (RFC 3207 4.2).
                extensions = try await expect(250, after: "EHLO \(clientName)", step: "EHLO after STARTTLS")
            }
            if let username = relay.username {
                guard encrypted || relay.allowsCleartextAuthentication else {
                    throw DeliveryFailure("the SMTP relay \(relay.host):\(relay.port) does not offer STARTTLS: the credentials are not sent "
                                          + "in clear (use smtps://, or set SKYPORT_SMTP_CLEARTEXT_AUTH=on for a relay on this host)", permanent: true)
                }
                let credentials = Data("\u{0}\(username)\u{0}\(relay.password ?? "")".utf8).base64EncodedString()
                _ = try await expect(235, after: "AUTH PLAIN \(credentials)", step: "AUTH")
            }
            _ = try await expect(250, after: "MAIL FROM:<\(sender)>", step: "MAIL FROM")
            _ = try await expect(250, after: "RCPT TO:<\(recipient)>", step: "RCPT TO")
            _ = try await expect(354, after: "DATA", step: "DATA")
            // A line starting with a dot gets a second one (RFC 5321 4.5.2); the message is base64 and has none.
            let stuffed = data.split(separator: "\r\n", omittingEmptySubsequences: false).map { $0.hasPrefix(".") ? "." + $0 : String($0) }
            let accepted = try await expect(250, after: stuffed.joined(separator: "\r\n") + "\r\n.", step: "message")
            try? await outbound.write(ByteBuffer(string: "QUIT\r\n"))
            return accepted
        }
    }

    /// Whether an EHLO answer (its lines joined by spaces, each `250-KEYWORD …`) lists `keyword`.
    static func offers(_ keyword: String, in answer: String) -> Bool {
        answer.uppercased().split(separator: " ").contains { $0.hasSuffix("250-" + keyword) || $0.hasSuffix("250 " + keyword) || $0 == keyword }
    }

    /// The name sent in TLS's SNI: none for an IP address (SNI carries names only); the certificate is still checked.
    static func sniName(_ host: String) -> String? {
        host.allSatisfy { $0.isNumber || $0 == "." } || host.contains(":") ? nil : host
    }
}
