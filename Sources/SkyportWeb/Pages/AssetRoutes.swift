import Accounts
import Booking
import Foundation
import Hummingbird
import NIOCore
import SkyportDomain
import SkyportHTTP

/// `GET /assets/...`: the fingerprinted static files, cacheable for a year.
struct AssetRoutes: Sendable {
    let assets: Assets

    func register(on router: Router<AppRequestContext>) {
        router.get("/assets/{name}") { request, _ -> Response in
            guard let file = assets.file(at: request.uri.path) else { throw WebError.notFound }
            return Response(status: .ok,
                            headers: [.contentType: file.contentType, .cacheControl: "public, max-age=31536000, immutable"],
                            body: .init(byteBuffer: ByteBuffer(bytes: file.body)))
        }
    }
}
