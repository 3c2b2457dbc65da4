import Foundation
import NIOCore
import NIOExtras
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// A webhook receiver on loopback: records every request and answers with the status the test sets.
/// `stop()` closes it (connections are refused, as when a receiver is down); `start()` listens again on the same port.
public final class WebhookReceiver: Sendable {
    public struct Request: Sendable {
        public let path: String
        public let headers: [String: String]
        public let body: Data
    }

    private let state = Mutex<(requests: [Request], status: Int, channel: (any Channel)?)>(([], 200, nil))
    public let port: Int

    /// Ports below the kernel's ephemeral range (32768 and up), handed out by this counter only: while a
    /// receiver is down its port is free, and a port the kernel picked (bind 0) could then go to another test's
    /// receiver running in parallel, which would get this one's deliveries.
    private static let nextPort = Atomic<Int>(20_000 + Int(ProcessInfo.processInfo.processIdentifier) % 1_000 * 10)

    public init() async throws {
        while true {
            let candidate = Self.nextPort.wrappingAdd(1, ordering: .relaxed).oldValue
            guard candidate < 32_768 else { throw ReceiverError.noFreePort }
            // Free now (`start` binds it again); anything else of this machine's on it is skipped.
            if let probe = try? await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: candidate).get() {
                try await probe.close()
                port = candidate
                return
            }
        }
    }

    enum ReceiverError: Error { case noFreePort }

    public var url: String { "http://127.0.0.1:\(port)/hooks/skyport" }
    public var requests: [Request] { state.withLock { $0.requests } }

    /// The status every request gets from now on.
    public func answer(_ status: Int) { state.withLock { $0.status = status } }

    public func start() async throws {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [self] channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap { channel.pipeline.addHandler(Handler(receiver: self)) }
            }
            .bind(host: "127.0.0.1", port: port).get()
        state.withLock { $0.channel = channel }
    }

    public func stop() async throws {
        let channel = state.withLock { state -> (any Channel)? in defer { state.channel = nil }; return state.channel }
        try await channel?.close()
    }

    fileprivate func received(_ request: Request) -> Int {
        state.withLock { state in
            state.requests.append(request)
            return state.status
        }
    }

    private final class Handler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let receiver: WebhookReceiver
        var head: HTTPRequestHead?
        var body = ByteBuffer()

        init(receiver: WebhookReceiver) { self.receiver = receiver }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body.clear()
            case .body(var chunk):
                body.writeBuffer(&chunk)
            case .end:
                guard let head else { return }
                var headers: [String: String] = [:]
                for (name, value) in head.headers { headers[name.lowercased()] = value }
                let status = receiver.received(Request(path: head.uri, headers: headers, body: Data(body.readableBytesView)))
                var response = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status))
                response.headers.add(name: "Content-Length", value: "2")
                response.headers.add(name: "Connection", value: "close")
                context.write(wrapOutboundOut(.head(response)), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: "ok")))), promise: nil)
                // `Connection: close`: the channel closes once the answer is flushed.
                let channel = context.channel
                context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
            }
        }
    }
}

/// An SMTP relay on loopback that accepts every message and keeps it (RFC 5321, the commands Skyport sends).
/// With `tls` it offers STARTTLS (RFC 3207) or, `implicitTLS`, speaks TLS from the first byte; it accepts
/// AUTH PLAIN and records whether each authentication and each message came over TLS.
public final class SMTPSink: Sendable {
    public struct Message: Sendable {
        public let from: String
        public let to: [String]
        public let data: String
        public let encrypted: Bool
    }

    /// One AUTH PLAIN seen: the user name, and whether the connection was encrypted then.
    public struct Authentication: Sendable, Equatable {
        public let username: String
        public let encrypted: Bool

        public init(username: String, encrypted: Bool) {
            self.username = username
            self.encrypted = encrypted
        }
    }

    private let messages = Mutex<[Message]>([])
    private let authentications = Mutex<[Authentication]>([])
    private let channel: any Channel
    public var port: Int { channel.localAddress!.port! }
    public var received: [Message] { messages.withLock { $0 } }
    public var authenticated: [Authentication] { authentications.withLock { $0 } }

    public init(tls: TestCertificates? = nil, implicitTLS: Bool = false) async throws {
        let box = MessagesBox()
        let context = try tls.map { try NIOSSLContext(configuration: $0.serverConfiguration()) }
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if implicitTLS, let context { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context)) }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                    try channel.pipeline.syncOperations.addHandler(Session(box: box, tls: implicitTLS ? nil : context, encrypted: implicitTLS))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        box.sink = self
    }

    public func close() async throws { try await channel.close() }

    fileprivate func keep(_ message: Message) { messages.withLock { $0.append(message) } }
    fileprivate func keep(_ authentication: Authentication) { authentications.withLock { $0.append(authentication) } }

    private final class MessagesBox: @unchecked Sendable {
        weak var sink: SMTPSink?
    }

    private final class Session: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let box: MessagesBox
        /// The context STARTTLS upgrades with; nil when STARTTLS is not offered.
        let tls: NIOSSLContext?
        var encrypted: Bool
        var from = "", to: [String] = [], data: [String] = [], inData = false

        init(box: MessagesBox, tls: NIOSSLContext?, encrypted: Bool) {
            self.box = box
            self.tls = tls
            self.encrypted = encrypted
        }

        func channelActive(context: ChannelHandlerContext) { reply("220 sink ready", context) }

        func reply(_ line: String, _ context: ChannelHandlerContext) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: line + "\r\n")), promise: nil)
        }

        func channelRead(context: ChannelHandlerContext, data buffer: NIOAny) {
            let line = String(buffer: unwrapInboundIn(buffer)).trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
            if inData {
                if line == "." {
                    inData = false
                    box.sink?.keep(Message(from: from, to: to, data: data.joined(separator: "\r\n"), encrypted: encrypted))
                    data = []
                    to = []
                    reply("250 2.0.0 queued", context)
                } else {
                    data.append(line.hasPrefix("..") ? String(line.dropFirst()) : line)
                }
                return
            }
            let upper = line.uppercased()
            if upper.hasPrefix("EHLO") || upper.hasPrefix("HELO") {
                reply(tls != nil && !encrypted ? "250-sink\r\n250-STARTTLS\r\n250 8BITMIME" : "250-sink\r\n250-AUTH PLAIN\r\n250 8BITMIME", context)
            } else if upper == "STARTTLS", let tls, !encrypted {
                // The answer goes out in clear; everything after it is TLS.
                reply("220 2.0.0 ready to start TLS", context)
                try? context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls), position: .first)
                encrypted = true
            } else if upper.hasPrefix("AUTH PLAIN ") {
                let decoded = Data(base64Encoded: String(line.dropFirst(11))).map { String(decoding: $0, as: UTF8.self) } ?? ""
                let parts = decoded.split(separator: "\u{0}", omittingEmptySubsequences: false)
                box.sink?.keep(Authentication(username: parts.count == 3 ? String(parts[1]) : "", encrypted: encrypted))
                reply("235 2.7.0 accepted", context)
            }
            else if upper.hasPrefix("MAIL FROM:") { from = String(line.dropFirst(10)); reply("250 ok", context) }
            else if upper.hasPrefix("RCPT TO:") { to.append(String(line.dropFirst(8))); reply("250 ok", context) }
            else if upper == "DATA" { inData = true; reply("354 go ahead", context) }
            else if upper == "QUIT" { reply("221 bye", context); context.close(promise: nil) }
            else { reply("502 unknown", context) }
        }
    }
}

/// A throwaway certificate authority and a certificate for `localhost` from it, made with openssl, and an
/// unrelated authority: for servers on loopback that speak TLS in tests.
public struct TestCertificates: Sendable {
    public let directory: URL
    public var authorityPath: String { directory.appendingPathComponent("ca.crt").path }
    public var unrelatedAuthorityPath: String { directory.appendingPathComponent("other-ca.crt").path }

    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("skyport-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n".utf8).write(to: directory.appendingPathComponent("server.ext"))
        for arguments in [
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Skyport test CA", "-keyout", "ca.key", "-out", "ca.crt"],
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Unrelated CA", "-keyout", "other-ca.key", "-out", "other-ca.crt"],
            ["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "server.key", "-out", "server.csr"],
            ["x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-extfile", "server.ext",
             "-out", "server.crt"],
        ] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            process.arguments = arguments
            process.currentDirectoryURL = directory
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        }
    }

    public func serverConfiguration() throws -> TLSConfiguration {
        TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(directory.appendingPathComponent("server.crt").path).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: directory.appendingPathComponent("server.key").path, format: .pem)))
    }
}
