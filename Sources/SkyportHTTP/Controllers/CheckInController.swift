import Accounts
import Booking
import Foundation
import Hummingbird
import SkyportDomain

/// Online check-in and boarding passes for the order's owner (`Authorization: Bearer <access_token>`), and the gate's
/// scans for operators.
///
/// - `POST /v1/orders/{id}/check-in` `{"flight_id", "passenger_ids"?}`: checks in (24 h to 60 min before departure).
/// - `GET /v1/orders/{id}/boarding-passes`: every pass of the order, with its Resolution 792 `barcode` string.
/// - `POST /v1/boarding/scans` `{"barcode", "flight_id"}` (operator): boards the passenger, once.
/// - `PUT /v1/flights/{id}/seats/{seat}/block` `{"reason"}` (operator): takes a free seat out of sale.
/// - `DELETE /v1/flights/{id}/seats/{seat}/block` (operator): puts it back.
/// - `GET /v1/flights/{id}/passengers` (operator): the flight's passengers with their coupon status, seat and bags.
public struct CheckInController: Sendable {
    let services: BookingServices
    let access: OperatorAccess

    public init(services: BookingServices, access: OperatorAccess) {
        self.services = services
        self.access = access
    }

    struct BoardingPasses: Encodable, Sendable {
        let data: [BoardingPassView]
    }

    struct BlockInput: Decodable, Sendable {
        let reason: String?
    }

    public func register(on router: some RouterMethods<AppRequestContext>) {
        router.post("/v1/orders/:id/check-in") { request, context in
            let id = try context.parameters.require("id")
            try OrdersController.authorize(request, orderID: id, access: services.access)
            let input = try await request.decode(as: CheckInInput.self, context: context)
            return JSONResponse(try await services.checkIn.checkIn(orderID: id, input: input))
        }

        router.get("/v1/orders/:id/boarding-passes") { request, context in
            let id = try context.parameters.require("id")
            try OrdersController.authorize(request, orderID: id, access: services.access)
            return JSONResponse(BoardingPasses(data: try await services.checkIn.boardingPasses(orderID: id)))
        }

        router.post("/v1/boarding/scans") { request, context in
            let agent = try await access.require(request)
            let input = try await request.decode(as: BoardingScanInput.self, context: context)
            return JSONResponse(try await services.checkIn.scan(input, operator: agent.name), status: .created)
        }

        router.delete("/v1/flights/:id/seats/:seat/block") { request, context in
            _ = try await access.require(request)
            try await services.seatsAndBags.unblock(seat: try context.parameters.require("seat"), flightID: try context.parameters.require("id"))
            return Response(status: .noContent)
        }

        router.get("/v1/flights/:id/passengers") { request, context in
            _ = try await access.require(request)
            return JSONResponse(try await services.checkIn.passengers(flightID: try context.parameters.require("id")))
        }

        router.put("/v1/flights/:id/seats/:seat/block") { request, context in
            let agent = try await access.require(request)
            let input = try await request.decode(as: BlockInput.self, context: context)
            let reason = (input.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard (1...500).contains(reason.count) else {
                throw ValidationFailure([.init(code: .invalidReason, field: "reason", message: "Say why the seat is blocked (1 to 500 characters).")])
            }
            try await services.seatsAndBags.block(seat: try context.parameters.require("seat"), flightID: try context.parameters.require("id"),
                                                  reason: reason, operator: agent.name)
            return Response(status: .noContent)
        }
    }
}
