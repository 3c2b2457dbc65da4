import Accounts
import Foundation
import Hummingbird
import Operations
import SkyportDomain

/// Disruptions and the operators' word on flights (every route needs an operator token).
///
/// - `GET /v1/disruptions?status=open|closed|all&limit=100`: newest first.
/// - `GET /v1/disruptions/{id}`: one disruption with its history and the model's reasons.
/// - `POST /v1/disruptions/assess`: score the departures ahead now (the engine also does so on its own).
/// - `POST /v1/flights/{id}/delay` `{"estimated_departure": ISO 8601 | "delay_minutes": 95, "note": "..."}`: a declared
///   delay or a new departure time.
/// - `POST /v1/flights/{id}/cancellation` `{"note": "..."}`.
/// - `POST /v1/flights/{id}/departure` `{"departed_at": ISO 8601}`: the flight left (closes its disruption).
public struct DisruptionsController: Sendable {
    let disruptions: DisruptionService
    let access: OperatorAccess

    public init(disruptions: DisruptionService, access: OperatorAccess) {
        self.disruptions = disruptions
        self.access = access
    }

    struct List: Encodable, Sendable {
        let disruptions: [Disruption]
    }

    struct DelayRequest: Decodable {
        let estimated_departure: String?
        let delay_minutes: Int?
        let note: String?
    }

    struct CancellationRequest: Decodable {
        let note: String?
    }

    struct DepartureRequest: Decodable {
        let departed_at: String?
    }

    /// A flight's disruption after an operator's word; `disruption` is null when none is open.
    struct FlightOutcome: Encodable, Sendable {
        let flightId: String
        let disruption: Disruption?
    }

    public func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/v1/disruptions") { request, _ in
            _ = try await access.require(request)
            let status = request.uri.queryParameters["status"].map(String.init) ?? "open"
            guard ["open", "closed", "all"].contains(status) else {
                throw ServiceError(.invalid, code: .invalidStatus, message: "status is open, closed or all.", field: "status")
            }
            let limit = try request.uri.queryParameters["limit"].map { raw -> Int in
                guard let limit = Int(String(raw)), (1...500).contains(limit) else {
                    throw ServiceError(.invalid, code: .invalidLimit, message: "limit must be 1 to 500.", field: "limit")
                }
                return limit
            } ?? 100
            return JSONResponse(List(disruptions: try await disruptions.list(status: status == "all" ? nil : status, limit: limit)))
        }

        router.get("/v1/disruptions/:id") { request, context in
            _ = try await access.require(request)
            guard let disruption = try await disruptions.disruption(id: try context.parameters.require("id")) else {
                throw ServiceError(.notFound, code: .disruptionNotFound, message: "No disruption has this id.")
            }
            return JSONResponse(disruption)
        }

        router.post("/v1/disruptions/assess") { request, _ in
            _ = try await access.require(request)
            return JSONResponse(try await disruptions.assessUpcoming())
        }

        router.post("/v1/flights/:id/delay") { request, context in
            let holder = try await access.require(request)
            let flightID = try context.parameters.require("id")
            let input = try await PredictionsController.decode(DelayRequest.self, request)
            let estimated: Int64
            switch (input.estimated_departure, input.delay_minutes) {
            case (let text?, nil):
                guard let instant = UTCInstant(iso: text) else {
                    throw ServiceError(.invalid, code: .invalidTime, message: "estimated_departure is an ISO 8601 time such as 2026-12-01T15:30:00Z.",
                                       field: "estimated_departure")
                }
                estimated = instant.seconds
            case (nil, let minutes?):
                guard (0...2880).contains(minutes) else {
                    throw ServiceError(.invalid, code: .invalidDelay, message: "delay_minutes must be 0 to 2880.", field: "delay_minutes")
                }
                estimated = try await disruptions.scheduledDeparture(of: flightID) + Int64(minutes) * 60
            default:
                throw ServiceError(.invalid, code: .ambiguousRequest, message: "Send estimated_departure or delay_minutes (one of them).",
                                   field: "estimated_departure")
            }
            let disruption = try await disruptions.declareDelay(flightID: flightID, estimatedDeparture: estimated, by: holder.name,
                                                                note: try Self.note(input.note))
            return JSONResponse(FlightOutcome(flightId: flightID, disruption: disruption?.status == .open ? disruption : nil))
        }

        router.post("/v1/flights/:id/cancellation") { request, context in
            let holder = try await access.require(request)
            let flightID = try context.parameters.require("id")
            let input = try await PredictionsController.decode(CancellationRequest.self, request)
            let disruption = try await disruptions.declareCancellation(flightID: flightID, by: holder.name, note: try Self.note(input.note))
            return JSONResponse(FlightOutcome(flightId: flightID, disruption: disruption))
        }

        router.post("/v1/flights/:id/departure") { request, context in
            let holder = try await access.require(request)
            let flightID = try context.parameters.require("id")
            let input = try await PredictionsController.decode(DepartureRequest.self, request)
            guard let text = input.departed_at, let departed = UTCInstant(iso: text) else {
                throw ServiceError(.invalid, code: .invalidTime, message: "departed_at is an ISO 8601 time such as 2026-12-01T15:42:00Z.",
                                   field: "departed_at")
            }
            try await disruptions.recordDeparture(flightID: flightID, departedAt: departed.seconds, by: "operator:\(holder.name)")
            return Response(status: .noContent)
        }
    }

    static func note(_ note: String?) throws -> String? {
        guard let note else { return nil }
        guard note.count <= 500 else { throw ServiceError(.invalid, code: .invalidNote, message: "A note is at most 500 characters.", field: "note") }
        return note.isEmpty ? nil : note
    }
}
