import Booking
import Foundation
import Prediction
import SQLKit
import SkyportDomain
import SkyportStore

/// Flight status for passengers and the public: the schedule (Booking's API), an operator's estimate and the
/// open disruption's expected departure, the recorded departure, and the delay model's risk for a flight ahead.
public struct FlightStatusService: Sendable {
    let database: any Database
    let network: NetworkDirectory
    let predictor: DelayPredictor
    let schedule: any DepartureSource
    let now: @Sendable () -> Int64

    public init(database: any Database, network: NetworkDirectory, predictor: DelayPredictor, schedule: any DepartureSource,
                now: @escaping @Sendable () -> Int64) {
        self.database = database
        self.network = network
        self.predictor = predictor
        self.schedule = schedule
        self.now = now
    }

    /// A flight number as passengers write it: the carrier's two characters and up to four digits (`UA100`, `b6 400`).
    public static func parse(number text: String) -> (carrier: String, number: Int)? {
        let compact = text.uppercased().filter { $0 != " " }
        guard (3...6).contains(compact.count), compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        let carrier = String(compact.prefix(2))
        guard let number = Int(compact.dropFirst(2)), (1...9999).contains(number) else { return nil }
        return (carrier, number)
    }

    /// The status of `number` on the local date `date`.
    public func status(number text: String, date: String) async throws -> FlightStatusView {
        var issues: [ValidationIssue] = []
        let parsed = Self.parse(number: text)
        if parsed == nil { issues.append(.init(code: .invalidFlightNumber, field: "number", message: "A flight number is the airline's code and up to four digits, e.g. UA100.")) }
        let day = LocalDate(iso: date)
        if day == nil { issues.append(.init(code: .invalidDate, field: "date", message: "Give the local date of departure as YYYY-MM-DD.")) }
        guard issues.isEmpty, let parsed, let day else { throw ValidationFailure(issues) }
        let snapshot = try await network.current()
        let found = try await database.read { sql -> (FlightRecord, Int64?, Disruption?)? in
            guard let flight = try await FlightStore.flight(carrier: parsed.carrier, number: parsed.number, date: day.iso, on: sql) else { return nil }
            let departed = try await DepartureStore.departures(of: [flight.id], on: sql)[flight.id]
            let open = try await DisruptionStore.disruption(where: "x.flight_id = \(bind: flight.id) AND x.status = 'open'", on: sql)
            return (flight, departed, open)
        }
        guard let (flight, departed, disruption) = found else {
            throw ServiceError(.notFound, code: .flightNotFound, message: "No flight \(parsed.carrier)\(parsed.number) leaves on \(day.iso).", field: "number")
        }
        let estimate = departed == nil && !flight.isCancelled
            ? [flight.estimatedDepartsAt, disruption.map { $0.expectedDeparture.seconds }].compactMap { $0 }.max()
            : nil
        let delayed = estimate.map { $0 - flight.departsAt >= 15 * 60 } ?? false
        let block = flight.arrivesAt - flight.departsAt
        let current = now()
        let phase: FlightStatusView.Phase = flight.isCancelled ? .cancelled
            : departed.map { current >= $0 + block ? .arrived : .departed } ?? (delayed ? .delayed : .scheduled)
        let (risk, unavailable) = departed == nil && !flight.isCancelled && flight.departsAt > current ? await delayRisk(flight) : (nil, nil)
        let origin = snapshot.clocks[flight.origin] ?? .utc, destination = snapshot.clocks[flight.destination] ?? .utc
        func local(_ seconds: Int64, _ clock: WallClock) -> String { clock.localISO(Date(timeIntervalSince1970: TimeInterval(seconds))) }
        let departure = departed ?? estimate
        return FlightStatusView(
            flightId: flight.id, flightNumber: "\(flight.carrier)\(flight.flightNumber)", origin: flight.origin, destination: flight.destination,
            departureDate: flight.departureDate, status: phase,
            scheduledDeparture: APITime.utc(flight.departsAt), scheduledDepartureLocal: local(flight.departsAt, origin),
            scheduledArrival: APITime.utc(flight.arrivesAt), scheduledArrivalLocal: local(flight.arrivesAt, destination),
            estimatedDeparture: estimate.map(APITime.utc), estimatedDepartureLocal: estimate.map { local($0, origin) },
            estimatedArrival: departure.map { APITime.utc($0 + block) }, estimatedArrivalLocal: departure.map { local($0 + block, destination) },
            actualDeparture: departed.map(APITime.utc), actualDepartureLocal: departed.map { local($0, origin) },
            gate: nil, delayMinutes: Int(max(0, (departure ?? flight.departsAt) - flight.departsAt) / 60),
            delayRisk: risk, delayRiskUnavailable: unavailable)
    }

    /// The champion delay model's score of the flight as known now, or why there is none.
    func delayRisk(_ flight: FlightRecord) async -> (FlightStatusView.DelayRisk?, String?) {
        do {
            guard let departure = try await schedule.departure(reference: flight.id) else { return (nil, "The flight is not in the schedule the model reads.") }
            let scores = try await predictor.score([departure], source: schedule.name, explain: true, logged: false)
            guard let prediction = scores.predictions.first else { return (nil, "The flight is beyond what the model scores.") }
            return (FlightStatusView.DelayRisk(probabilityDelayed: prediction.probabilityDelayed, delayThresholdMinutes: prediction.delayThresholdMinutes,
                                               expectedDelayMinutes: prediction.expectedDelayMinutes, modelVersion: scores.model.version,
                                               reasons: prediction.reasons.prefix(3).map(\.phrase)), nil)
        } catch let error as ServiceError where error.code == .modelNotFound {
            return (nil, "No delay model is in service.")
        } catch {
            return (nil, "The delay model could not score this flight.")
        }
    }
}
