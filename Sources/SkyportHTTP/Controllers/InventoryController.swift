import Accounts
import Booking
import Foundation
import Hummingbird
import SkyportDomain

/// Each flight's inventory controls, for revenue analysts (operator tokens):
///
/// - `GET /v1/flights/{id}/inventory`: per cabin, each class's fare, bookings, nested limit and its source
///   (optimizer, override or the load-factor rule), seats open, the forecast of bookings to come, the bid price; and
///   the audit trail of operators' changes.
/// - `PUT /v1/flights/{id}/booking-limits/{cabin}/{class}` `{"seat_limit": 40, "reason": "..."}`: an operator's override
///   (`"seat_limit": null` gives the class back to the optimizer), recorded with who and why.
public struct InventoryController: Sendable {
    let controls: InventoryControls
    let access: OperatorAccess

    public init(controls: InventoryControls, access: OperatorAccess) {
        self.controls = controls
        self.access = access
    }

    struct OverrideRequest: Decodable {
        /// Present and null removes the override; absent is refused.
        let seatLimit: Int??
        let reason: String?

        enum CodingKeys: String, CodingKey {
            case seatLimit = "seat_limit"
            case reason
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if container.contains(.seatLimit) {
                // Read as a number first, so that one too large for an integer is a bad limit, not bad JSON.
                let number = try container.decodeIfPresent(Double.self, forKey: .seatLimit)
                if let number, number.rounded() != number || abs(number) > 1_000_000 {
                    throw ValidationFailure([.init(code: .invalidBookingLimit, field: "seat_limit", message: "A booking limit is a whole number of seats.")])
                }
                seatLimit = .some(number.map { Int($0) })
            } else {
                seatLimit = .none
            }
            reason = try container.decodeIfPresent(String.self, forKey: .reason)
        }
    }

    public func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/v1/flights/:id/inventory") { request, context in
            _ = try await access.require(request)
            return JSONResponse(try await controls.inventory(of: try context.parameters.require("id")))
        }

        router.put("/v1/flights/:id/booking-limits/:cabin/:class") { request, context in
            let actor = try await access.require(request)
            let body = try await PredictionsController.decode(OverrideRequest.self, request)
            guard let cabin = Cabin(rawValue: try context.parameters.require("cabin")) else {
                throw ServiceError(.invalid, code: .invalidCabinClass, message: "Cabins are economy and business.", field: "cabin")
            }
            guard let seatLimit = body.seatLimit else {
                throw ValidationFailure([.init(code: .missingField, field: "seat_limit", message: "Give seat_limit: a number of seats, or null to remove the override.")])
            }
            return JSONResponse(try await controls.override(
                flightID: try context.parameters.require("id"), cabin: cabin, classCode: try context.parameters.require("class"),
                limit: seatLimit, operatorName: actor.name, reason: body.reason ?? ""))
        }
    }
}
