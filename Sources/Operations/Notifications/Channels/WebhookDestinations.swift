import Foundation
import SkyportDomain

/// Where Skyport may post a webhook that someone registered through the API: public addresses only, so that
/// a registered URL cannot make the server reach its own loopback, the cluster's private network or a cloud
/// metadata service (169.254.169.254). Ranges in `allowed` are let through all the same: an airline's own
/// receivers on its private network (`SKYPORT_WEBHOOK_ALLOWED_ADDRESSES`).
///
/// Checked twice: when the endpoint is registered (an address or `localhost` written in the URL), and at every
/// delivery against the address actually connected to, so that a name resolving to an internal address (or
/// re-resolving to one later) is refused too.
public struct WebhookDestinations: Sendable, Hashable {
    public var allowed: [IPAddressRange]

    public init(allowed: [IPAddressRange] = []) {
        self.allowed = allowed
    }

    /// Public addresses only.
    public static let publicOnly = WebhookDestinations()

    public func permits(_ address: IPAddress) -> Bool {
        allowed.contains { $0.contains(address) } || !IPAddressRange.nonPublic.contains { $0.contains(address) }
    }

    /// The refusal for a URL whose host is written as a forbidden address or names this machine; nil otherwise.
    public func refusal(of host: String) -> String? {
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        if name == "localhost" || name.hasSuffix(".localhost") {
            return allowed.contains(where: { $0.contains(IPAddress("127.0.0.1")!) }) ? nil : "localhost is this server itself"
        }
        // Forms that resolvers read as an address (a bare number, octal or hex parts: 2130706433, 0x7f000001) are
        // refused outright rather than guessed at.
        if name.first?.isNumber == true, name.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == "x" }), IPAddress(name) == nil {
            return "\(host) is not a plain host name or address"
        }
        guard let address = IPAddress(name) else { return nil }
        return permits(address) ? nil : "\(address) is not a public address"
    }
}
