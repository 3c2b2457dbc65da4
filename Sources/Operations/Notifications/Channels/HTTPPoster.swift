import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import SkyportDomain

/// Posts one JSON body to a URL (HTTP/1.1, `https` over TLS) and returns the status and the start of the
/// answer. Small on purpose: webhooks need nothing more, and it keeps an HTTP client library out of the build.
public struct HTTPPoster: Sendable {
    public let timeoutSeconds: Int64
    /// When given, the address connected to must be one of these (else the delivery fails for good): for URLs
    /// that customers or partners registered. Nil for URLs from Skyport's own configuration.
    public let destinations: WebhookDestinations?

    public init(timeoutSeconds: Int64 = 10, destinations: WebhookDestinations? = nil) {
        self.timeoutSeconds = timeoutSeconds
        self.destinations = destinations
    }

    public struct Answer: Sendable {
        public let status: Int
        public let body: String
    }

    public func post(_ url: URL, body: Data, headers: [(String, String)]) async throws -> Answer {
        guard let scheme = url.scheme, ["http", "https"].contains(scheme), let host = url.host else {
            throw DeliveryFailure("\(url) is not an http or https URL", permanent: true)
        }
        let tls = scheme == "https"
        let port = url.port ?? (tls ? 443 : 80)
        let path = (url.path.isEmpty ? "/" : url.path) + (url.query.map { "?\($0)" } ?? "")
        return try await withThrowingTaskGroup(of: Answer.self) { group in
            group.addTask { try await exchange(host: host, port: port, tls: tls, path: path, body: body, headers: headers) }
            group.addTask {
                try await Task.sleep(for: .seconds(timeoutSeconds))
                throw DeliveryFailure("no answer within \(timeoutSeconds) s")
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    func exchange(host: String, port: Int, tls: Bool, path: String, body: Data, headers: [(String, String)]) async throws -> Answer {
        let channel: NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(5))
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if tls {
                            let context = try NIOSSLContext(configuration: .makeClientConfiguration())
                            try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: context, serverHostname: host))
                        }
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw DeliveryFailure("cannot connect to \(host):\(port): \(error)")
        }
        let remote = channel.channel.remoteAddress?.ipAddress.flatMap(IPAddress.init)
        return try await channel.executeThenClose { inbound, outbound in
            if let destinations {
                // The address actually reached, whatever the name resolved to: checked before a byte is sent.
                guard let remote, destinations.permits(remote) else {
                    throw DeliveryFailure("\(host) is not at a public address: not sent", permanent: true)
                }
            }
            var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: path)
            head.headers.add(name: "Host", value: port == (tls ? 443 : 80) ? host : "\(host):\(port)")
            head.headers.add(name: "Content-Length", value: String(body.count))
            head.headers.add(name: "Connection", value: "close")
            for (name, value) in headers { head.headers.add(name: name, value: value) }
            // The request goes out in one flush. A receiver may answer and close as soon as the body is in,
            // so a failed write still reads the answer: one that came is the outcome, not a reason to send again.
            var writeFailure: (any Error)?
            do {
                try await outbound.write(contentsOf: [.head(head), .body(.byteBuffer(ByteBuffer(bytes: body))), .end(nil)])
            } catch {
                writeFailure = error
            }
            var status = 0
            var answer = ByteBuffer()
            do {
                for try await part in inbound {
                    switch part {
                    case .head(let response): status = Int(response.status.code)
                    case .body(var chunk): if answer.readableBytes < 2048 { answer.writeBuffer(&chunk) }
                    case .end: return Answer(status: status, body: String(buffer: answer))
                    }
                }
            } catch where status != 0 {
                // The connection ended after the answer's head: the status is what counts.
            }
            guard status != 0 else {
                throw DeliveryFailure(writeFailure.map { "the request could not be sent: \($0)" } ?? "the connection closed before an answer")
            }
            return Answer(status: status, body: String(buffer: answer))
        }
    }
}
