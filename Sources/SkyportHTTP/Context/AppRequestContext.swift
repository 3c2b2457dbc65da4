import Foundation
import Hummingbird

/// Per-request data: Hummingbird's core storage, the request id and the client's address. Nothing else
/// lives here; services come through controllers' initializers.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The id echoed in `X-Request-Id` and written to every log line of the request.
    public var requestID: String = ""
    /// The client's IP address (rate limits key on it): the peer's, or the one trusted proxies forwarded
    /// (`ClientAddressMiddleware`); "unknown" when the channel has none.
    public var clientAddress: String
    /// The module whose route group matched the request, set by that group and read by the observability middleware
    /// once the response is made.
    public let routeOwner = RouteOwner()

    public init(source: Source) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Bodies above this size are refused with 413 before they are read.
    public var maxUploadSize: Int { JSONBody.maximumBytes }

    public var requestDecoder: JSONBody.Decoder { JSONBody.Decoder() }
    public var responseEncoder: JSONEncoder { JSONBody.encoder }
}
