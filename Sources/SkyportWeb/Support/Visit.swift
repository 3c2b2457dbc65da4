import Accounts
import Hummingbird

/// What the site knows about the browser behind one request: its language, its anti-forgery
/// token, the signed-in customer, the bookings it may open, and the cookies to send back.
public struct Visit: Sendable {
    /// Every visible string, in the visit's language.
    public let strings: Strings
    /// A random id kept in a cookie: the anonymous visitor, and the key of the CSRF token.
    public let browserID: String
    /// Every form carries this; a POST without it is refused.
    public let csrfToken: String
    /// The browser's anonymous id for analytics: derived from the browser id, which itself (the CSRF key)
    /// never leaves the cookie.
    public let anonymousID: String
    public internal(set) var session: CustomerSession?
    /// Orders this browser bought or looked up, newest first.
    public internal(set) var tripIDs: [String]
    /// Cookies to set on the response.
    public internal(set) var cookies: [Cookie]
    /// The caller's address, for rate limits.
    public let clientAddress: String
    /// The path and query of this request, for the language switch to come back to.
    public let returnPath: String

    public var customer: Customer? { session?.customer }
    public var language: Language { strings.language }
    /// Prices, dates and times as the visit's language writes them.
    public var format: LocaleFormat { LocaleFormat(language: language) }
}
