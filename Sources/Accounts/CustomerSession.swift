import Foundation

/// A signed-in browser: the random token its cookie carries. Only the token's SHA-256 is stored,
/// so a copy of the database does not sign anyone in.
public struct CustomerSession: Sendable, Hashable {
    public let token: String
    public let customer: Customer
    public let expiresAt: Int64
}
