import Foundation
import Hummingbird
import SkyportHTTP

/// In front of the public folder's file middleware: a path that climbs out of the folder (`..`, encoded or not)
/// is simply not found, where the file middleware would throw a bare 400 that error pages cannot explain.
struct PublicFolderGuard: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path.hasPrefix("/public/"), (path.removingPercentEncoding ?? "..").contains("..") { throw HTTPError(.notFound) }
        return try await next(request, context)
    }
}
