import Foundation
import HTTPTypes
import Hummingbird
import SkyportDomain

/// Sets `context.clientAddress`, which rate limits key on. Behind a load balancer every connection comes
/// from the balancer, so counting by the connection's address would let one attacker lock out everyone.
/// `X-Forwarded-For` is read only when the connection comes from a trusted proxy (configuration), and then
/// from the right: the first address that is not itself a trusted proxy is the client. A client cannot
/// choose its own address by sending the header, since the entries it wrote are left of the ones proxies add.
public struct ClientAddressMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let trustedProxies: [IPAddressRange]

    public init(trustedProxies: [IPAddressRange]) {
        self.trustedProxies = trustedProxies
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.clientAddress = Self.clientAddress(peer: context.clientAddress, forwardedFor: request.headers[values: .xForwardedFor],
                                                   trustedProxies: trustedProxies)
        return try await next(request, context)
    }

    /// The client's address given the connection's `peer` and the `X-Forwarded-For` header lines.
    public static func clientAddress(peer: String, forwardedFor: [String], trustedProxies: [IPAddressRange]) -> String {
        guard !trustedProxies.isEmpty, let peerAddress = IPAddress(peer), trustedProxies.contains(where: { $0.contains(peerAddress) }) else {
            return peer
        }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        var client = peerAddress
        for hop in hops.reversed() {
            // A hop that is not an address was written by the client or a broken proxy: trust stops here.
            guard let address = IPAddress(hop) else { break }
            client = address
            if !trustedProxies.contains(where: { $0.contains(address) }) { break }
        }
        return client.description
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
}
