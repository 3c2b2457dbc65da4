import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import SkyportDomain

/// Posts one JSON body to a URL over AsyncHTTPClient (HTTP/1.1, `https` verified against the system's roots, no
/// redirects followed) and returns the status and the start of the answer.
public struct HTTPPoster: Sendable {
    public let timeoutSeconds: Int64
    /// When given, the address connected to must be one of these (else the delivery fails): for URLs that customers
    /// or partners registered. Nil for URLs from Skyport's own configuration.
    public let destinations: WebhookDestinations?

    public init(timeoutSeconds: Int64 = 10, destinations: WebhookDestinations? = nil) {
        self.timeoutSeconds = timeoutSeconds
        self.destinations = destinations
    }

    public struct Answer: Sendable {
        public let status: Int
        public let body: String
    }

    /// The start of an answer kept for the delivery's record.
    static let answerBytes = 2048

    public func post(_ url: URL, body: Data, headers: [(String, String)]) async throws -> Answer {
        guard let scheme = url.scheme, ["http", "https"].contains(scheme), let host = url.host else {
            throw DeliveryFailure("\(url) is not an http or https URL", permanent: true)
        }
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        if let destinations {
            // Refused for good when the name leads only inside; the connection is checked again as it is made (below).
            let addresses = try await HostAddresses.resolve(host)
            guard addresses.contains(where: destinations.permits) else {
                throw DeliveryFailure("\(host) is not at a public address: not sent", permanent: true)
            }
        }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        // A client per post: a delivery is one connection, and a receiver that was down leaves no backoff behind in a
        // pool for the next delivery to wait out.
        let client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: Self.configuration(checking: destinations))
        do {
            let answer = try await exchange(request, client: client, host: host, port: port)
            try await client.shutdown()
            return answer
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func exchange(_ request: HTTPClientRequest, client: HTTPClient, host: String, port: Int) async throws -> Answer {
        do {
            let response = try await client.execute(request, timeout: .seconds(timeoutSeconds))
            // The rest of a long answer is not read: the connection closes with it.
            var answer = ByteBuffer()
            for try await var chunk in response.body {
                answer.writeBuffer(&chunk)
                if answer.readableBytes >= Self.answerBytes { break }
            }
            return Answer(status: Int(response.status.code), body: answer.readString(length: min(answer.readableBytes, Self.answerBytes)) ?? "")
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw DeliveryFailure("no answer within \(timeoutSeconds) s")
        } catch let refusal as DestinationRefused {
            throw DeliveryFailure("\(host) is at \(refusal.address), not a public address: not sent", permanent: true)
        } catch {
            throw DeliveryFailure("cannot connect to \(host):\(port) or send the request: \(error)")
        }
    }

    /// The connection reached an address the destinations do not permit.
    struct DestinationRefused: Error {
        let address: String
    }

    /// HTTP/1.1 without redirects; with `destinations`, each connection is checked as it is made, before a byte of the
    /// request goes out, against the address actually reached, so that a name re-resolving to an internal address
    /// after the look-up above is refused too.
    static func configuration(checking destinations: WebhookDestinations?) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5)))
        // HTTP/1 only, so that every connection passes through the check.
        configuration.httpVersion = .http1Only
        if let destinations {
            configuration.http1_1ConnectionDebugInitializer = { channel in
                guard let text = channel.remoteAddress?.ipAddress, let address = IPAddress(text), destinations.permits(address) else {
                    return channel.eventLoop.makeFailedFuture(DestinationRefused(address: channel.remoteAddress?.ipAddress ?? "an unknown address"))
                }
                return channel.eventLoop.makeSucceededVoidFuture()
            }
        }
        return configuration
    }
}
