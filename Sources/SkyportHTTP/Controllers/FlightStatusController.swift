import Foundation
import Hummingbird
import Operations
import SkyportDomain

/// `GET /v1/flights/{number}/status?date=YYYY-MM-DD`: a flight's status for anyone (no token): scheduled, estimated and
/// actual times, the gate when known, and the delay model's risk while it is still to leave.
public struct FlightStatusController: Sendable {
    let service: FlightStatusService

    public init(service: FlightStatusService) {
        self.service = service
    }

    public func register(on router: some RouterMethods<AppRequestContext>) {
        // The segment is named `id` like the other /v1/flights/{…} routes (one router node); it holds a flight number here.
        router.get("/v1/flights/:id/status") { request, context in
            let number = try context.parameters.require("id")
            let date = request.uri.queryParameters.get("date") ?? ""
            return JSONResponse(try await service.status(number: number, date: date))
        }
    }
}
