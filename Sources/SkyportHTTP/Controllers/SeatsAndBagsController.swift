import Booking
import Foundation
import Hummingbird
import SkyportDomain
import SkyportStore

/// Seat maps and the seats and bags an order's owner chooses after the purchase (`Authorization: Bearer <access_token>`).
///
/// - `GET /v1/seat-maps?offer_id=…`: the maps of an offer's flights, priced for its fare (the purchase page's).
/// - `GET /v1/orders/{id}/seat-maps`: the maps of an order's flights, its passengers' seats marked.
/// - `POST /v1/orders/{id}/services` (optional `Idempotency-Key`): seats and bags, paid by card when they cost something.
/// - `DELETE /v1/orders/{id}/services/{service_id}`: a bag not yet dropped off, refunded.
public struct SeatsAndBagsController: Sendable {
    let services: BookingServices

    public init(services: BookingServices) {
        self.services = services
    }

    /// Lists in a `data` member, as the industry's APIs answer collections.
    struct SeatMaps: Encodable, Sendable {
        let data: [SeatMapView]
    }

    public func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/v1/seat-maps") { request, context in
            guard let offerID = request.uri.queryParameters.get("offer_id"), !offerID.isEmpty else {
                throw ValidationFailure([.init(code: .missingField, field: "offer_id", message: "Give the id of the offer whose seats to show.")])
            }
            return JSONResponse(SeatMaps(data: try await services.seatsAndBags.seatMaps(offerID: offerID)))
        }

        router.get("/v1/orders/:id/seat-maps") { request, context in
            let id = try context.parameters.require("id")
            try OrdersController.authorize(request, orderID: id, access: services.access)
            return JSONResponse(SeatMaps(data: try await services.seatsAndBags.seatMaps(orderID: id)))
        }

        router.post("/v1/orders/:id/services") { request, context in
            let id = try context.parameters.require("id")
            try OrdersController.authorize(request, orderID: id, access: services.access)
            let key = try OrdersController.idempotencyKey(request)
            try JSONBody.requireJSONContentType(request)
            let body = try await JSONBody.collect(request)
            let input = try JSONBody.decode(ServiceRequestInput.self, from: body)
            let order = try await services.seatsAndBags.update(orderID: id, input: input, idempotencyKey: key,
                                                               requestHash: SHA256Hex.digest(body.readableBytesView))
            return JSONResponse(order)
        }

        router.delete("/v1/orders/:id/services/:service_id") { request, context in
            let id = try context.parameters.require("id")
            try OrdersController.authorize(request, orderID: id, access: services.access)
            return JSONResponse(try await services.seatsAndBags.removeBag(orderID: id, serviceID: try context.parameters.require("service_id")))
        }
    }
}
