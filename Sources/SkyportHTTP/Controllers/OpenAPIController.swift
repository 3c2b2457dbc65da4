import Foundation
import Hummingbird

/// `GET /openapi.json`: the OpenAPI 3.1 document of the whole API, shipped as a resource.
public struct OpenAPIController: Sendable {
    public static let document: Data = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
              let data = try? Data(contentsOf: url) else { fatalError("openapi.json is missing from the SkyportHTTP resources") }
        return data
    }()

    public init() {}

    public func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: .init(bytes: Self.document)))
        }
    }
}
