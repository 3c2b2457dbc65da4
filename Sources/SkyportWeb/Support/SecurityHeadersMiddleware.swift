import HTTPTypes
import Hummingbird
import SkyportHTTP

/// Browser protections on every page: a Content-Security-Policy that allows only this site's own
/// files (no inline script or style), no framing, no MIME sniffing, no referrer to other sites, and no
/// powerful browser features (camera, location, payment handlers...) for the page or anything it embeds.
public struct SecurityHeadersMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    public static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self'", "font-src 'self'",
        "connect-src 'self'", "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'",
    ].joined(separator: "; ")

    /// Features the site never uses, denied to it and to any frame.
    public static let permissionsPolicy = [
        "accelerometer=()", "autoplay=()", "camera=()", "display-capture=()", "geolocation=()", "gyroscope=()", "magnetometer=()",
        "microphone=()", "midi=()", "payment=()", "publickey-credentials-get=()", "usb=()", "xr-spatial-tracking=()",
    ].joined(separator: ", ")

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.referrerPolicy] = "same-origin"
        response.headers[.permissionsPolicy] = Self.permissionsPolicy
        return response
    }
}

extension HTTPField.Name {
    static let contentSecurityPolicy = Self("Content-Security-Policy")!
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
    static let permissionsPolicy = Self("Permissions-Policy")!
}
