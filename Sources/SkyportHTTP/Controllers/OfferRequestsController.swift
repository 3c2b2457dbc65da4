import Booking
import Foundation
import Prometheus
import Hummingbird
import NIOCore

/// `POST /v1/offer-requests`: step one, the search that returns offers.
public struct OfferRequestsController: Sendable {
    let shopping: ShoppingService
    let metrics: SkyportMetrics
    /// A search answered from the cache is the same answer: its bytes are encoded once.
    let encoded = EncodedAnswers()

    public init(shopping: ShoppingService, metrics: SkyportMetrics) {
        self.shopping = shopping
        self.metrics = metrics
    }

    public func register(on router: some RouterMethods<AppRequestContext>) {
        router.post("/v1/offer-requests") { request, context in
            let input = try await request.decode(as: OfferRequestInput.self, context: context)
            let result = try await shopping.search(input)
            metrics.offersServed.increment(by: Int64(result.offers.count))
            let body = try encoded.body(for: result.id) { ByteBuffer(bytes: try StreamingJSONEncoder.encode(result)) }
            return Response(status: .created, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: body))
        }
    }
}
