import CustomerData
import Foundation
import Hummingbird
import SkyportDomain

/// Event sources and their write keys, for operators.
///
/// - `POST /v1/cdp/sources` `{"name": "web site", "trust": "public"}`: 201 with the source and its `write_key`
///   (shown once). `trust` is `server` (the default: a secret key of a server-side SDK) or `public` (a key
///   shipped in browsers or apps, whose events only claim identities).
/// - `DELETE /v1/cdp/sources/{id}`: revokes the key; 204, or 404 when no live source has the id.
public struct EventSourcesController: Sendable {
    let sources: EventSources
    let access: OperatorAccess
    let now: @Sendable () -> Int64

    public init(sources: EventSources, access: OperatorAccess, now: @escaping @Sendable () -> Int64) {
        self.sources = sources
        self.access = access
        self.now = now
    }

    struct CreateRequest: Decodable {
        let name: String?
        let trust: String?
    }

    struct Created: Encodable, Sendable {
        let id: String
        let name: String
        let trust: String
        let writeKey: String
    }

    public func register(on router: some RouterMethods<AppRequestContext>) {
        router.post("/v1/cdp/sources") { request, _ in
            _ = try await access.require(request)
            let input = try await PredictionsController.decode(CreateRequest.self, request)
            // `first_party` parses but is refused by `create`, which owns that rule.
            guard let trust = SourceTrust(rawValue: input.trust ?? SourceTrust.server.rawValue) else {
                throw ServiceError(.invalid, code: .invalidTrust, message: "trust is public or server.", field: "trust")
            }
            let (source, key) = try await sources.create(name: input.name ?? "", trust: trust, now: now())
            return JSONResponse(Created(id: source.id, name: source.name, trust: source.trust.rawValue, writeKey: key), status: .created)
        }

        router.delete("/v1/cdp/sources/:id") { request, context in
            _ = try await access.require(request)
            guard try await sources.revoke(id: try context.parameters.require("id"), now: now()) else {
                throw ServiceError(.notFound, code: .sourceNotFound, message: "No live source has this id.")
            }
            return Response(status: .noContent)
        }
    }
}
