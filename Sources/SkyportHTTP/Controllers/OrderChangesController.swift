import Booking
import Foundation
import Hummingbird
import SkyportDomain
import SkyportStore

/// Voluntary changes in two steps, for the order's owner (`Authorization: Bearer <access_token>`), in the shape of
/// Duffel's order change requests.
///
/// - `POST /v1/order-change-requests` `{"order_id", "slices": {"remove": [{"flight_id"}], "add": [{"departure_date"}]}}`:
///   change offers for that slice on that date.
/// - `POST /v1/order-changes` `{"selected_order_change_offer", "payment": {"card": …}}` (optional `Idempotency-Key`):
///   confirms one.
public struct OrderChangesController: Sendable {
    let services: BookingServices

    public init(services: BookingServices) {
        self.services = services
    }

    public func register(on router: some RouterMethods<AppRequestContext>) {
        router.post("/v1/order-change-requests") { request, context in
            guard request.headers[.authorization] != nil else { throw OrdersController.missingAccessToken }
            let input = try await request.decode(as: OrderChangeRequestInput.self, context: context)
            guard let orderID = input.orderId, !orderID.isEmpty else {
                throw ValidationFailure([.init(code: .missingField, field: "order_id", message: "Give the id of the order to change.")])
            }
            try OrdersController.authorize(request, orderID: orderID, access: services.access)
            return JSONResponse(try await services.voluntaryChanges.offers(input), status: .created)
        }

        router.post("/v1/order-changes") { request, context in
            guard request.headers[.authorization] != nil else { throw OrdersController.missingAccessToken }
            let key = try OrdersController.idempotencyKey(request)
            try JSONBody.requireJSONContentType(request)
            let body = try await JSONBody.collect(request)
            let input = try JSONBody.decode(OrderChangeInput.self, from: body)
            let offerID = input.selectedOrderChangeOffer ?? ""
            guard let orderID = services.voluntaryChanges.orderID(ofOffer: offerID) else {
                if offerID.isEmpty {
                    throw ValidationFailure([.init(code: .missingField, field: "selected_order_change_offer", message: "Give the id of the chosen change offer.")])
                }
                throw ServiceError(.notFound, code: .orderChangeOfferNotFound, message: "No change offer has this id.", field: "selected_order_change_offer")
            }
            try OrdersController.authorize(request, orderID: orderID, access: services.access)
            let change = try await services.voluntaryChanges.confirm(input, idempotencyKey: key, requestHash: SHA256Hex.digest(body.readableBytesView),
                                                                     actor: "passenger")
            return JSONResponse(change, status: .created)
        }
    }
}
