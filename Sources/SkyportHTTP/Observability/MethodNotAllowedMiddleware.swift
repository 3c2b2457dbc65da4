import Foundation
import HTTPTypes
import Hummingbird

/// `405 Method Not Allowed` with an `Allow` header for a method an API address does not take (`TRACE
/// /v1/orders`, `DELETE /v1/airports`), instead of the router's 404, which would say the address does not
/// exist. The addresses and their methods are read from the OpenAPI document, the API's contract.
public struct MethodNotAllowedMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    /// One address of the API: its path split into segments (`nil` for a `{parameter}`) and its methods.
    struct Route: Sendable {
        let segments: [String?]
        let methods: [String]

        func matches(_ path: [Substring]) -> Bool {
            path.count == segments.count && zip(segments, path).allSatisfy { $0 == nil ? !$1.isEmpty : $0! == $1 }
        }

        /// Fixed segments win over parameters, as in the router: `/v1/disruptions/assess` is not `/v1/disruptions/{id}`.
        var specificity: Int { segments.count { $0 != nil } }
    }

    let routes: [Route]

    /// The API's addresses, read once from the shipped document (every router shares them).
    static let documentedRoutes = routes(in: OpenAPIController.document)

    public init() {
        routes = Self.documentedRoutes
    }

    static func routes(in openAPIDocument: Data) -> [Route] {
        let object = (try? JSONSerialization.jsonObject(with: openAPIDocument)) as? [String: Any]
        let paths = object?["paths"] as? [String: [String: Any]] ?? [:]
        let verbs = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        return paths.map { path, operations in
            Route(segments: path.split(separator: "/").map { $0.hasPrefix("{") ? nil : String($0) },
                  methods: verbs.filter { operations[$0] != nil }.map { $0.uppercased() })
        }
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && [nil, "NotFound"].contains(context.endpointPath) {
            let path = request.uri.path.split(separator: "/")
            let matching = routes.filter { $0.matches(path) }
            let best = matching.map(\.specificity).max()
            let allowed = Set(matching.filter { $0.specificity == best }.flatMap(\.methods))
            guard !allowed.isEmpty, !allowed.contains(request.method.rawValue) else { throw error }
            var refusal = APIError(status: .methodNotAllowed, code: .methodNotAllowed,
                                   message: "This address takes \(allowed.sorted().joined(separator: ", ")).")
            refusal.headers[.allow] = allowed.sorted().joined(separator: ", ")
            throw refusal
        }
    }
}

extension HTTPField.Name {
    static let allow = Self("Allow")!
}
