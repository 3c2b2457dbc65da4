import Crypto
import Foundation

/// Signs and verifies opaque tokens with HMAC-SHA256 under the server's secret key, so that
/// stateless instances can hand out offers and order access tokens and check them later.
public struct Signer: Sendable {
    private let key: SymmetricKey

    /// `secret` comes from configuration (`SKYPORT_SECRET_KEY`), at least 32 bytes.
    public init(secret: String) {
        key = SymmetricKey(data: SHA256.hash(data: Data(secret.utf8)))
    }

    /// Base64url MAC of `message`, truncated to `bytes`.
    public func mac(_ message: String, bytes: Int = 16) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: key)
        return Base64URL.encode(Data(code).prefix(bytes))
    }

    /// Constant-time comparison of a presented MAC with the expected one.
    public func verify(_ message: String, mac presented: String, bytes: Int = 16) -> Bool {
        let expected = Array(mac(message, bytes: bytes).utf8), given = Array(presented.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Base64 with the URL-safe alphabet and no padding.
public enum Base64URL {
    public static func encode(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public static func decode(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
