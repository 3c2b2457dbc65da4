import Accounts
import Booking
import Foundation
import Hummingbird
import NIOCore
import SkyportDomain
import SkyportHTTP

/// `GET /assets/...`: the fingerprinted static files, cacheable for a year (the site's, and the command
/// center's under its own `/ops` group).
struct AssetRoutes: Sendable {
    let assets: Assets

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/assets/{name}") { request, _ -> Response in
            // The site shows its 404 page for this; the command center answers in the API's error shape.
            guard let file = assets.file(at: request.uri.path) else { throw HTTPError(.notFound) }
            return Response(status: .ok,
                            headers: [.contentType: file.contentType, .cacheControl: "public, max-age=31536000, immutable"],
                            body: .init(byteBuffer: ByteBuffer(bytes: file.body)))
        }
    }
}
