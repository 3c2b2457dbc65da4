import Accounts
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
/// - `POST /v1/aircraft/{tail}/shop-visits` `{"starts_at", "ends_at", "engine_id", "note"}`: takes the aircraft out of service;
///   each flight it would fly gets another aircraft of the carrier or is cancelled (its passengers told), all or none.
public struct EnginesController: Sendable {
    let fleet: EngineFleet
    let shopVisits: ShopVisits
    let access: OperatorAccess

    public init(fleet: EngineFleet, shopVisits: ShopVisits, access: OperatorAccess) {
        self.fleet = fleet
        self.shopVisits = shopVisits
        self.access = access
    }

    struct ShopVisitRequest: Decodable {
        let starts_at: String?
        let ends_at: String?
        let engine_id: String?
        let note: String?
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
            let within = try request.uri.queryParameters["due_within"].map { try EngineFleet.dueWithin(String($0), field: "due_within") }
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

        router.post("/v1/aircraft/:tail/shop-visits") { request, context in
            let holder = try await access.require(request)
            let tail = try context.parameters.require("tail")
            let input = try await PredictionsController.decode(ShopVisitRequest.self, request)
            guard let start = input.starts_at.flatMap(UTCInstant.init(iso:)) else {
                throw ServiceError(.invalid, code: .invalidTime, message: "starts_at is an ISO 8601 time such as 2026-12-10T00:00:00Z.", field: "starts_at")
            }
            guard let end = input.ends_at.flatMap(UTCInstant.init(iso:)) else {
                throw ServiceError(.invalid, code: .invalidTime, message: "ends_at is an ISO 8601 time such as 2026-12-12T00:00:00Z.", field: "ends_at")
            }
            if let note = input.note, note.count > 500 {
                throw ServiceError(.invalid, code: .invalidNote, message: "note is at most 500 characters.", field: "note")
            }
            let visit = try await shopVisits.plan(tail: tail, start: start.seconds, end: end.seconds, engineID: input.engine_id, note: input.note,
                                                  by: holder.name)
            return JSONResponse(visit, status: .created)
        }
    }
}
