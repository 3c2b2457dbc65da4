import Accounts
import Booking
import Foundation
import Hummingbird
import Logging
import SkyportDomain
import SkyportHTTP

/// Turns failures on the site's paths into friendly pages that offer a way forward (404, 403 for
/// a stale form, 410 for an expired offer, 409 for a sold-out fare, 429, 500). The API's paths
/// keep their JSON errors.
struct ErrorPagesMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let site: WebSite

    struct Model {
        let heading: String
        let message: String
        let actionHref: String
        let actionLabel: String
        let requestID: String
    }

    static let apiPrefixes = ["/v1/", "/health/", "/metrics", "/openapi.json", "/cdp/"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard !Self.apiPrefixes.contains(where: { path.hasPrefix($0) }) else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch {
            let (status, kind, href) = classify(error)
            if status == .internalServerError {
                site.logger.error("page failed", metadata: ["module": "web", "request_id": "\(context.requestID)", "error": "\(String(reflecting: error))"])
            }
            var visit: Visit
            do {
                visit = try await site.visits.resolve(request, context: context)
            } catch {
                visit = try await site.visits.resolve(request, context: context, withSession: false)
            }
            let t = visit.strings
            let model = Model(heading: t["errorpage.\(kind).heading"], message: t["errorpage.\(kind).message"], actionHref: href,
                              actionLabel: t["errorpage.\(kind).action"], requestID: context.requestID)
            return try site.renderer.render("error", title: t["errorpage.\(kind).heading"], page: model, visit: visit, status: status)
                .response(from: request, context: context)
        }
    }

    private func classify(_ error: any Error) -> (HTTPResponse.Status, String, String) {
        switch error {
        case WebError.notFound: return (.notFound, "not_found", "/")
        case WebError.forgedForm: return (.forbidden, "forged_form", "/")
        case WebError.offerExpired(let search): return (.gone, "offer_expired", search)
        case WebError.soldOut(let search): return (.conflict, "sold_out", search)
        case let error as HTTPError where error.status == .notFound: return (.notFound, "not_found", "/")
        case let error as HTTPError where error.status == .contentTooLarge: return (.contentTooLarge, "too_large", "/")
        case let error as ServiceError where error.kind == .rateLimited: return (.tooManyRequests, "rate_limited", "/")
        case let error as ServiceError where error.kind == .notFound: return (.notFound, "not_found", "/")
        default: return (.internalServerError, "server", "/")
        }
    }
}
