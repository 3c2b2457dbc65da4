import Booking
import SQLKit
import SkyportContracts
import SkyportDomain
import SkyportStore

extension DisruptionService {
    /// An operator's new departure time for a flight (a declared delay or a retiming). Opens, changes or
    /// closes its disruption by the policy's levels, and stands against the model's predictions.
    @discardableResult
    public func declareDelay(flightID: String, estimatedDeparture: Int64, by actor: String, note: String? = nil) async throws -> Disruption? {
        try await database.transaction { [policy] sql in
            let flight = try await operable(flightID, on: sql)
            guard abs(estimatedDeparture - flight.departs_at) <= 48 * 3600 else {
                throw ServiceError(.invalid, code: .invalidEstimatedDeparture,
                                   message: "The new departure time must be within 48 hours of the scheduled one.", field: "estimated_departure")
            }
            try await FlightStore.setEstimatedDeparture(estimatedDeparture, of: flightID, on: sql)
            let minutes = Int(max(0, estimatedDeparture - flight.departs_at) / 60)
            let change = DisruptionChange(flightID: flightID, kind: .delay, cause: .declared, probability: nil, expectedDelayMinutes: minutes,
                                          expectedDeparture: estimatedDeparture, modelVersionID: nil, reasons: [],
                                          actor: "operator:\(actor)", note: note)
            _ = try await apply(change, flight: flight, on: sql) { policy.assess($0, declaredDelayMinutes: minutes) }
            return try await Self.disruption(forFlight: flightID, on: sql)
        }
    }

    /// An operator cancels a flight: it leaves sale and its disruption goes to the `cancelled` level.
    @discardableResult
    public func declareCancellation(flightID: String, by actor: String, note: String? = nil) async throws -> Disruption? {
        try await database.transaction { sql in try await declareCancellation(flightID: flightID, by: actor, note: note, on: sql) }
    }

    /// The same in the caller's transaction (a shop visit cancels the flights no other aircraft can fly, all or none).
    @discardableResult
    public func declareCancellation(flightID: String, by actor: String, note: String?, on sql: any SQLDatabase) async throws -> Disruption? {
        let flight = try await operable(flightID, on: sql)
        try await FlightStore.cancel(flightID, on: sql)
        let change = DisruptionChange(flightID: flightID, kind: .cancellation, cause: .declared, probability: nil, expectedDelayMinutes: 0,
                                      expectedDeparture: flight.departs_at, modelVersionID: nil, reasons: [],
                                      actor: "operator:\(actor)", note: note)
        _ = try await apply(change, flight: flight, on: sql) { current in
            current == nil ? .open(level: DisruptionPolicy.cancelledLevel) : .raise(level: DisruptionPolicy.cancelledLevel)
        }
        return try await Self.disruption(forFlight: flightID, on: sql)
    }

    /// A flight left the gate: the departure is recorded (the delay model's operations features read it)
    /// and its disruption, if any, closes.
    public func recordDeparture(flightID: String, departedAt: Int64, by actor: String) async throws {
        try await database.transaction { sql in
            let flight = try await operable(flightID, on: sql, allowDeparted: true)
            guard abs(departedAt - flight.departs_at) <= 48 * 3600, departedAt <= now() + 300 else {
                throw ServiceError(.invalid, code: .invalidDepartureTime,
                                   message: "The departure time must be within 48 hours of the scheduled one and not in the future.",
                                   field: "departed_at")
            }
            try await DepartureStore.set(flightID, departedAt: departedAt, at: now(), on: sql)
            try await FlightCoupons.recordDeparture(of: flightID, at: departedAt, actor: actor, on: sql)
            let change = DisruptionChange(flightID: flightID, kind: .delay, cause: .declared, probability: nil,
                                          expectedDelayMinutes: Int(max(0, departedAt - flight.departs_at) / 60), expectedDeparture: departedAt,
                                          modelVersionID: nil, reasons: [], actor: actor, note: nil)
            _ = try await apply(change, flight: flight, on: sql) { $0 == nil ? .none : .close(reason: .departed) }
        }
    }

    /// A flight's scheduled departure, or `flight_not_found`.
    public func scheduledDeparture(of flightID: String) async throws -> Int64 {
        guard let flight = try await database.read({ sql in try await OperatedFlight.find(flightID, on: sql) }) else {
            throw ServiceError(.notFound, code: .flightNotFound, message: "No flight has id \(flightID).", field: "flight_id")
        }
        return flight.departs_at
    }

    /// The flight, locked, or the reason an operator cannot change it.
    func operable(_ flightID: String, on sql: any SQLDatabase, allowDeparted: Bool = false) async throws -> OperatedFlight {
        guard let flight = try await OperatedFlight.find(flightID, on: sql, locking: database.engine == .postgres) else {
            throw ServiceError(.notFound, code: .flightNotFound, message: "No flight has id \(flightID).", field: "flight_id")
        }
        if flight.isCancelled {
            throw ServiceError(.conflict, code: .flightCancelled, message: "The flight is cancelled.")
        }
        if flight.departed_at != nil, !allowDeparted {
            throw ServiceError(.conflict, code: .flightDeparted, message: "The flight has already left.")
        }
        return flight
    }
}
