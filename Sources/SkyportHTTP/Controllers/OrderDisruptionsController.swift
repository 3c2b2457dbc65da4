import Booking
import Foundation
import Hummingbird
import Operations
import SkyportDomain

/// A passenger's side of a disruption, with the order's access token (`Authorization: Bearer <access_token>`).
///
/// - `GET /v1/orders/{id}/disruptions`: the open disruptions of the order's flights, the alternatives held for it
///   and whether a refund is owed.
/// - `POST /v1/orders/{id}/rebookings` `{"alternative_id": "hld_..."}`: moves the order to that flight (one transaction:
///   seats, tickets reissued, `order.changed`).
/// - `POST /v1/orders/{id}/disruption-refund`: cancels the order with a full refund, where the rules owe one.
/// - `GET /v1/orders/{id}/notifications`: the messages about the order.
public struct OrderDisruptionsController: Sendable {
    let rebooking: RebookingDesk
    let notifications: PassengerMessages
    let access: OrderAccess

    public init(rebooking: RebookingDesk, notifications: PassengerMessages, access: OrderAccess) {
        self.rebooking = rebooking
        self.notifications = notifications
        self.access = access
    }

    struct Options: Encodable, Sendable {
        let disruptions: [RebookingOptions]
    }

    struct RebookingRequest: Decodable {
        let alternative_id: String?
    }

    struct Messages: Encodable, Sendable {
        let notifications: [NotificationMessage]
    }

    public func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/v1/orders/:id/disruptions") { request, context in
            let id = try context.parameters.require("id")
            try OrdersController.authorize(request, orderID: id, access: access)
            return JSONResponse(Options(disruptions: try await rebooking.options(orderID: id)))
        }
        router.post("/v1/orders/:id/rebookings") { request, context in
            let id = try context.parameters.require("id")
            try OrdersController.authorize(request, orderID: id, access: access)
            let input = try await PredictionsController.decode(RebookingRequest.self, request)
            guard let alternative = input.alternative_id, !alternative.isEmpty else {
                throw ServiceError(.invalid, code: .missingField, message: "alternative_id is required.", field: "alternative_id")
            }
            return JSONResponse(try await rebooking.accept(orderID: id, alternativeID: alternative, actor: "passenger:api"), status: .created)
        }
        router.post("/v1/orders/:id/disruption-refund") { request, context in
            let id = try context.parameters.require("id")
            try OrdersController.authorize(request, orderID: id, access: access)
            return JSONResponse(try await rebooking.refund(orderID: id, actor: "passenger:api"), status: .created)
        }
        router.get("/v1/orders/:id/notifications") { request, context in
            let id = try context.parameters.require("id")
            try OrdersController.authorize(request, orderID: id, access: access)
            var messages = try await notifications.inbox(orderID: id)
            for index in messages.indices { messages[index].deliveries = [] }
            return JSONResponse(Messages(notifications: messages))
        }
    }
}
