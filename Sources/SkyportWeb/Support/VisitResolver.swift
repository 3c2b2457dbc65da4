import Accounts
import Booking
import Foundation
import Hummingbird
import SkyportDomain
import SkyportHTTP

/// Reads and writes the site's cookies: `sp_bid` (browser id), `sp_lang` (chosen language),
/// `sp_session` (signed-in customer) and `sp_trips` (signed list of bookings this browser may open).
/// All are `HttpOnly` and `SameSite=Lax`, and `Secure` when the site is served over HTTPS.
public struct VisitResolver: Sendable {
    public static let browserCookie = "sp_bid"
    public static let languageCookie = "sp_lang"
    public static let sessionCookie = "sp_session"
    public static let tripsCookie = "sp_trips"
    /// An emailed sign-up link's token, held for the page that uses it (`/account/confirm` only, for an hour).
    public static let signUpCookie = "sp_signup"
    /// Bookings remembered per browser.
    public static let maximumTrips = 8

    private let signer: Signer
    private let accounts: AccountService
    private let strings: [Language: Strings]
    private let secureCookies: Bool

    public init(signer: Signer, accounts: AccountService, strings: [Language: Strings], secureCookies: Bool) {
        self.signer = signer
        self.accounts = accounts
        self.strings = strings
        self.secureCookies = secureCookies
    }

    /// Every string of the site in `language`, for what is written to somebody who is not on the page (email).
    func strings(in language: Language) -> Strings { strings[language]! }

    /// The visit behind `request`. `withSession: false` skips the database (for error pages when it is down).
    public func resolve(_ request: Request, context: AppRequestContext, withSession: Bool = true) async throws -> Visit {
        var cookies: [Cookie] = []
        var browserID = request.cookies[Self.browserCookie]?.value ?? ""
        if !Self.isWellFormedBrowserID(browserID) {
            browserID = Self.makeBrowserID()
            cookies.append(cookie(Self.browserCookie, browserID, maxAge: 400 * 24 * 3600))
        }
        var session: CustomerSession?
        if withSession, let token = request.cookies[Self.sessionCookie]?.value, !token.isEmpty {
            session = try await accounts.session(token: token)
            if session == nil { cookies.append(cookie(Self.sessionCookie, "", maxAge: 0)) }
        }
        let language = request.cookies[Self.languageCookie].flatMap { Language(rawValue: $0.value) }
            ?? session?.customer.preferredLanguage.flatMap(Language.init(rawValue:))
            ?? Language.negotiate(request.headers[.acceptLanguage])
        let path = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        return Visit(strings: strings(in: language), browserID: browserID, csrfToken: signer.mac("csrf|" + browserID),
                     anonymousID: "anon_" + signer.mac("anonymous-id|" + browserID, bytes: 16),
                     session: session, tripIDs: trips(from: request), cookies: cookies,
                     clientAddress: context.clientAddress, returnPath: path)
    }

    /// Throws when the form's token does not belong to this browser (a forged or stale form).
    public func checkForgery(_ form: FormData, visit: Visit) throws {
        guard let presented = form["_csrf"], signer.verify("csrf|" + visit.browserID, mac: presented) else {
            throw WebError.forgedForm
        }
    }

    /// Lets this browser open `orderID` from now on.
    public func remember(_ orderID: String, in visit: inout Visit) {
        visit.tripIDs = Array(([orderID] + visit.tripIDs.filter { $0 != orderID }).prefix(Self.maximumTrips))
        let payload = visit.tripIDs.joined(separator: ".")
        visit.cookies.append(cookie(Self.tripsCookie, signer.seal(payload, purpose: "trips"), maxAge: 180 * 24 * 3600))
    }

    public func signIn(_ session: CustomerSession, in visit: inout Visit) {
        visit.session = session
        visit.cookies.append(cookie(Self.sessionCookie, session.token, maxAge: Int(AccountService.sessionLifetime)))
    }

    public func signOut(_ visit: inout Visit) async throws {
        if let token = visit.session?.token { try await accounts.signOut(token: token) }
        visit.session = nil
        visit.cookies.append(cookie(Self.sessionCookie, "", maxAge: 0))
    }

    /// Keeps an emailed sign-up link's token for `/account/confirm`, so that it can leave the page's address.
    func holdSignUpToken(_ token: String, in visit: inout Visit) {
        visit.cookies.append(cookie(Self.signUpCookie, token, maxAge: 3600, path: "/account/confirm"))
    }

    /// The sign-up token this browser holds, if any.
    func signUpToken(of request: Request) -> String? {
        request.cookies[Self.signUpCookie]?.value
    }

    /// Forgets the sign-up token once it is used or no longer works.
    func releaseSignUpToken(in visit: inout Visit) {
        visit.cookies.append(cookie(Self.signUpCookie, "", maxAge: 0, path: "/account/confirm"))
    }

    public func chooseLanguage(_ language: Language, in visit: inout Visit) {
        visit.cookies.append(cookie(Self.languageCookie, language.rawValue, maxAge: 400 * 24 * 3600))
    }

    private func trips(from request: Request) -> [String] {
        guard let value = request.cookies[Self.tripsCookie]?.value, let payload = signer.unseal(value, purpose: "trips") else { return [] }
        return payload.split(separator: ".").map(String.init)
    }

    private func cookie(_ name: String, _ value: String, maxAge: Int, path: String = "/") -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: path, secure: secureCookies, httpOnly: true, sameSite: .lax)
    }

    private static func makeBrowserID() -> String {
        var generator = SystemRandomNumberGenerator()
        return Base64URL.encode(Data((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }))
    }

    private static func isWellFormedBrowserID(_ id: String) -> Bool {
        id.utf8.count == 22 && id.utf8.allSatisfy { $0 == 45 || $0 == 95 || (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) }
    }
}
