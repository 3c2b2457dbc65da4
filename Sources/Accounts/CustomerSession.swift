import Foundation
import SkyportStore

/// A signed-in browser: the random token its cookie carries. Only the token's SHA-256 is stored,
/// so a copy of the database does not sign anyone in.
public struct CustomerSession: Sendable, Hashable {
    public let token: String
    public let customer: Customer
    public let expiresAt: Int64

    static func makeToken(prefix: String = "sst_") -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return prefix + bytes.map { String(format: "%02x", $0) }.joined()
    }

    static func hash(_ token: String) -> String {
        SHA256Hex.digest(token)
    }
}
