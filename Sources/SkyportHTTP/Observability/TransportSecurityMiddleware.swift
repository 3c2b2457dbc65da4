import HTTPTypes
import Hummingbird

/// `Strict-Transport-Security` on every answer when Skyport is reached over HTTPS (`SKYPORT_PUBLIC_URL`
/// starts with `https://`): a browser that saw it once never again sends a cookie or a card number over
/// plain HTTP to this host, even when a link or a network says `http://`.
public struct TransportSecurityMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    /// One year, subdomains included: what browsers' preload lists ask for.
    public static let strictTransportSecurity = "max-age=31536000; includeSubDomains"

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.strictTransportSecurity] = Self.strictTransportSecurity
        return response
    }
}

extension HTTPField.Name {
    static let strictTransportSecurity = Self("Strict-Transport-Security")!
}
