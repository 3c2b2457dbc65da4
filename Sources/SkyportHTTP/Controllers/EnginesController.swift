import Foundation
import Hummingbird
import Maintenance
import Prediction
import SkyportDomain

/// The airline's engines (every route needs an operator token).
///
/// - `GET /v1/engines?due_within=N`: every engine, soonest due first, with the engine-life champion's remaining cycles,
///   their 90 % interval and the dates they fall on; with `due_within`, those whose interval starts within N cycles.
/// - `GET /v1/engines/{id}`: one engine with its last 30 cycles.
/// - `POST /v1/engines/{id}/cycles` `{"tail_number": "N12345", "position": 1, "cycles": [{"cycle", "settings": [3], "sensors": [21]}]}`:
///   records the cycles after the engine's last one (a new engine needs its aircraft), all or none.
public struct EnginesController: Sendable {
    let fleet: EngineFleet
    let access: OperatorAccess

    public init(fleet: EngineFleet, access: OperatorAccess) {
        self.fleet = fleet
        self.access = access
    }

    struct List: Encodable, Sendable {
        let engines: [EngineFleet.Engine]
    }

    struct CyclesRequest: Decodable {
        let tail_number: String?
        let position: Int?
        let cycles: [EngineRequest.Cycle]?
    }

    public func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/v1/engines") { request, _ in
            _ = try await access.require(request)
            let within = try request.uri.queryParameters["due_within"].map { raw -> Int in
                guard let value = Int(String(raw)) else {
                    throw ServiceError(.invalid, code: .invalidDueWithin, message: "due_within is a number of cycles from 1 to 100,000.", field: "due_within")
                }
                return value
            }
            return JSONResponse(List(engines: try await fleet.engines(dueWithin: within)))
        }

        router.get("/v1/engines/:id") { request, context in
            _ = try await access.require(request)
            return JSONResponse(try await fleet.engine(try context.parameters.require("id")))
        }

        router.post("/v1/engines/:id/cycles") { request, context in
            _ = try await access.require(request)
            let id = try context.parameters.require("id")
            let input = try RequestJSON.decode(CyclesRequest.self, from: try await PredictionsController.body(of: request, limit: PredictionsController.bodyLimit))
            let engine = try await fleet.record(engineID: id, tailNumber: input.tail_number, position: input.position,
                                                cycles: input.cycles)
            return JSONResponse(engine)
        }
    }
}
