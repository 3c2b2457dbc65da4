import Accounts
import Booking
import Foundation
import Hummingbird

/// An operator signed in to the command center: a signed cookie (`sp_ops`, only sent to `/ops`) with the
/// operator's id and when it ends. Every view checks that the operator's token has not been revoked since.
struct OperatorSession: Sendable {
    static let cookieName = "sp_ops"
    static let lifetimeSeconds: Int64 = 12 * 3600

    let signer: Signer
    let operators: OperatorTokens
    let secureCookies: Bool

    /// The operator behind the request's cookie, or nil (none, forged, expired, or revoked).
    func signedIn(_ request: Request, now: Int64) async throws -> Operator? {
        guard let value = request.cookies[Self.cookieName]?.value, let payload = signer.unseal(value, purpose: "ops") else { return nil }
        let parts = payload.split(separator: ".")
        guard parts.count == 2, let expires = Int64(parts[1]), expires > now else { return nil }
        return try await operators.active(id: String(parts[0]))
    }

    func cookie(for operatorID: String, now: Int64) -> Cookie {
        let payload = "\(operatorID).\(now + Self.lifetimeSeconds)"
        return Cookie(name: Self.cookieName, value: signer.seal(payload, purpose: "ops"), maxAge: Int(Self.lifetimeSeconds), path: "/ops",
                      secure: secureCookies, httpOnly: true, sameSite: .strict)
    }

    var signedOutCookie: Cookie {
        Cookie(name: Self.cookieName, value: "", maxAge: 0, path: "/ops", secure: secureCookies, httpOnly: true, sameSite: .strict)
    }
}
