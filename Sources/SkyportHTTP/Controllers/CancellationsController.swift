import Booking
import Foundation
import Prometheus
import Hummingbird
import SkyportDomain

/// Cancellation in two steps, for the order's owner (`Authorization: Bearer <access_token>`).
///
/// - `POST /v1/order-cancellations` `{"order_id": "..."}`: a refund quote.
/// - `POST /v1/order-cancellations/{id}/confirm`: cancels and refunds.
public struct CancellationsController: Sendable {
    let services: BookingServices
    let metrics: SkyportMetrics

    public init(services: BookingServices, metrics: SkyportMetrics) {
        self.services = services
        self.metrics = metrics
    }

    struct CancellationInput: Decodable {
        let orderId: String?
    }

    public func register(on router: some RouterMethods<AppRequestContext>) {
        router.post("/v1/order-cancellations") { request, context in
            // Without a token there is nothing to check the body against: 401 first, as for every other owner's route.
            guard request.headers[.authorization] != nil else { throw OrdersController.missingAccessToken }
            let input = try await request.decode(as: CancellationInput.self, context: context)
            guard let orderID = input.orderId, !orderID.isEmpty else {
                throw ValidationFailure([.init(code: .missingField, field: "order_id", message: "The id of the order to cancel is needed.")])
            }
            try OrdersController.authorize(request, orderID: orderID, access: services.access)
            return JSONResponse(try await services.cancellations.quote(orderID: orderID), status: .created)
        }

        router.post("/v1/order-cancellations/:id/confirm") { request, context in
            let id = try context.parameters.require("id")
            guard let orderID = try await services.cancellations.orderID(ofCancellation: id) else {
                throw ServiceError(.notFound, code: .orderCancellationNotFound, message: "No cancellation has this id.")
            }
            try OrdersController.authorize(request, orderID: orderID, access: services.access)
            let confirmation = try await services.cancellations.confirm(cancellationID: id)
            if confirmation.newlyCancelled {
                metrics.ordersCancelled.increment()
                metrics.seatsReleased.increment(by: Int64(confirmation.seatsReleased))
            }
            return JSONResponse(confirmation.cancellation)
        }
    }
}
