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
    /// `path` when it is a canonical local path, else `/`.
    public static func path(_ path: String?) -> String {
        guard let path, isCanonicalLocalPath(path) else { return "/" }
        return path
    }

    /// A path of this site as a browser reads it: one leading `/`, printable ASCII only (browsers drop tabs and
    /// new lines from a URL, so `/<TAB>/host` would become `//host`), no backslash (browsers read it as `/`), and
    /// before the query no `//` and no `.` or `..` segment.
    public static func isCanonicalLocalPath(_ path: String) -> Bool {
        guard path.hasPrefix("/"), path.utf8.count <= 2048,
              path.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) && $0 != "\\" }) else { return false }
        let route = path.prefix { $0 != "?" && $0 != "#" }
        return !route.contains("//") && !route.split(separator: "/").contains { $0 == "." || $0 == ".." }
    }
}
