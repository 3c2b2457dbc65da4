import Accounts
import Booking
import Foundation
import Hummingbird

/// An operator signed in to the command center: a signed cookie (`sp_ops`, only sent to `/ops`) holding a
/// session token that the database knows (`OperatorSessions`). Every view checks the session and the
/// operator's token, so signing out or revoking the operator ends it on every instance.
struct OperatorSession: Sendable {
    static let cookieName = "sp_ops"
    static let lifetimeSeconds: Int64 = 12 * 3600

    let signer: Signer
    let operators: OperatorTokens
    let sessions: OperatorSessions
    let secureCookies: Bool

    /// The session token in the request's cookie, when the cookie's signature holds.
    func token(_ request: Request) -> String? {
        request.cookies[Self.cookieName].flatMap { signer.unseal($0.value, purpose: "ops") }
    }

    /// The operator behind the request's cookie, or nil (none, forged, expired, signed out, or revoked).
    func signedIn(_ request: Request, now: Int64) async throws -> Operator? {
        guard let token = token(request) else { return nil }
        return try await sessions.signedIn(token: token, now: now)
    }

    /// Opens a session for the operator and the cookie that carries it.
    func open(for operatorID: String, now: Int64) async throws -> Cookie {
        let token = try await sessions.open(operatorID: operatorID, now: now, expiresAt: now + Self.lifetimeSeconds)
        return Cookie(name: Self.cookieName, value: signer.seal(token, purpose: "ops"), maxAge: Int(Self.lifetimeSeconds), path: "/ops",
                      secure: secureCookies, httpOnly: true, sameSite: .strict)
    }

    /// Ends the request's session server-side.
    func close(_ request: Request) async throws {
        if let token = token(request) { try await sessions.close(token: token) }
    }

    var signedOutCookie: Cookie {
        Cookie(name: Self.cookieName, value: "", maxAge: 0, path: "/ops", secure: secureCookies, httpOnly: true, sameSite: .strict)
    }
}
