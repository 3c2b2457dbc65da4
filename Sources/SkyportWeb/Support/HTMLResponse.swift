import Foundation
import HTTPTypes
import Hummingbird

/// A rendered page (or a redirect) with the cookies the visit set.
public struct HTMLResponse: ResponseGenerator {
    public var status: HTTPResponse.Status
    public var body: String
    public var headers: HTTPFields
    public var cookies: [Cookie]

    public init(status: HTTPResponse.Status = .ok, body: String, cookies: [Cookie] = [], contentType: String = "text/html; charset=utf-8") {
        self.status = status
        self.body = body
        self.cookies = cookies
        headers = [.contentType: contentType, .cacheControl: "no-store"]
    }

    /// `303 See Other` to a path of this site, so that a reload never re-posts a form.
    public static func redirect(to location: String, cookies: [Cookie] = []) -> HTMLResponse {
        var response = HTMLResponse(status: .seeOther, body: "", cookies: cookies)
        response.headers[.location] = SafeRedirect.path(location)
        return response
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
        for cookie in cookies { response.setCookie(cookie) }
        return response
    }
}

/// Redirect targets taken from requests stay on this site.
public enum SafeRedirect {
    /// `path` when it is a local absolute path (`/x`, not `//host` or `/\host`), else `/`.
    public static func path(_ path: String?) -> String {
        guard let path, path.hasPrefix("/"), !path.hasPrefix("//"), !path.hasPrefix("/\\"),
              !path.contains(where: { $0.isNewline || $0 == "\0" }) else { return "/" }
        return path
    }
}
