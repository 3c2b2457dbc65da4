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

    /// `payload~mac` for a cookie: the payload readable, its MAC bound to `purpose` so that one kind of signed
    /// value cannot stand in for another.
    public func seal(_ payload: String, purpose: String) -> String {
        payload + "~" + mac(purpose + "|" + payload)
    }

    /// The payload of a value `seal` made for `purpose`; nil when it is malformed or its MAC does not match.
    public func unseal(_ value: String, purpose: String) -> String? {
        guard let separator = value.lastIndex(of: "~") else { return nil }
        let payload = String(value[..<separator])
        return verify(purpose + "|" + payload, mac: String(value[value.index(after: separator)...])) ? payload : nil
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
        var bytes: [UInt8] = []
        bytes.reserveCapacity(data.count * 4 / 3 + 3)
        for byte in data.base64EncodedString().utf8 {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: "-"))
            case UInt8(ascii: "/"): bytes.append(UInt8(ascii: "_"))
            case UInt8(ascii: "="): break
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func decode(_ text: String) -> Data? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 3)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "-"): bytes.append(UInt8(ascii: "+"))
            case UInt8(ascii: "_"): bytes.append(UInt8(ascii: "/"))
            case UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="): return nil
            default: bytes.append(byte)
            }
        }
        while bytes.count % 4 != 0 { bytes.append(UInt8(ascii: "=")) }
        return Data(base64Encoded: Data(bytes))
    }
}
