import Booking
import Foundation
import Logging
import Prediction
import SQLKit
import SkyportContracts
import SkyportDomain
import SkyportStore

/// Opens, changes and closes disruptions: from the delay model's predictions for the departures ahead,
/// and from what operators declare (a delay, a new departure time, a cancellation) and departures recorded.
/// Every change is one transaction with the disruption's history and an outbox event; the decision is taken
/// again on the locked state inside it, so two instances never open two disruptions for one flight.
public struct DisruptionService: Sendable {
    let database: any Database
    public let policy: DisruptionPolicy
    let predictor: DelayPredictor
    /// Scores the same departures for cancellation when the policy has risk levels and a champion exists.
    let cancellationRisk: CancellationRiskPredictor?
    let schedule: any DepartureSource
    let logger: Logger
    let now: @Sendable () -> Int64
    /// Runs in the transaction that opens a disruption or raises its level: passengers are told there.
    let onLevelReached: (@Sendable (LevelReached, any SQLDatabase) async throws -> Void)?

    /// A disruption that reached a level for the first time.
    public struct LevelReached: Sendable {
        public let disruptionID: String
        public let flightID: String
        public let level: String
        public let kind: DisruptionKind
        public let expectedDeparture: Int64
    }

    public init(database: any Database, policy: DisruptionPolicy, predictor: DelayPredictor, cancellationRisk: CancellationRiskPredictor? = nil,
                schedule: any DepartureSource, logger: Logger, now: @escaping @Sendable () -> Int64,
                onLevelReached: (@Sendable (LevelReached, any SQLDatabase) async throws -> Void)? = nil) {
        self.database = database
        self.policy = policy
        self.predictor = predictor
        self.cancellationRisk = cancellationRisk
        self.schedule = schedule
        self.logger = logger
        self.now = now
        self.onLevelReached = onLevelReached
    }

    /// What one scoring pass did.
    public struct PassSummary: Sendable, Codable, Equatable {
        public var scored = 0
        public var opened = 0
        public var raised = 0
        public var lowered = 0
        public var updated = 0
        public var closed = 0
        public var modelVersion: Int?
        /// The cancellation-risk champion's version, when it scored the pass.
        public var cancellationModelVersion: Int?

        mutating func count(_ decision: DisruptionDecision) {
            switch decision {
            case .none: break
            case .open: opened += 1
            case .raise: raised += 1
            case .lower: lowered += 1
            case .update: updated += 1
            case .close: closed += 1
            }
        }
    }

    // MARK: - Predictions

    /// Scores the departures of the next `horizonHours` (from `airports` only, when given) that have neither
    /// left nor been cancelled, with the champion model, and applies what the policy decides for each.
    public func assessUpcoming(airports: Set<String>? = nil, logged: Bool = false) async throws -> PassSummary {
        let start = now()
        var departures = try await schedule.departures(scheduledFrom: start, to: start + Int64(policy.horizonHours) * 3600)
        if let airports { departures.removeAll { !airports.contains($0.origin) } }
        let settled = try await settledFlights(departures.map(\.reference))
        departures.removeAll { settled.contains($0.reference) }
        var summary = PassSummary()
        guard !departures.isEmpty else { return summary }
        let scores = try await predictor.score(departures, source: schedule.name, explain: true, logged: logged)
        summary.scored = scores.count
        summary.modelVersion = scores.model.version
        let risks = try await cancellationRisks(of: departures, logged: logged)
        summary.cancellationModelVersion = risks?.model.version
        let riskByFlight = Dictionary((risks?.predictions ?? []).compactMap { risk in risk.flight.id.map { ($0, risk) } }, uniquingKeysWith: { first, _ in first })
        let open = try await openDisruptions(of: departures.map(\.reference))
        // Most flights change nothing: decide on what was read, and again under the lock only when something changes.
        var changing: [(change: DisruptionChange, estimate: DelayEstimate, cancellationProbability: Double?)] = []
        for (departure, prediction) in zip(departures, scores.predictions) {
            guard let minutes = prediction.expectedDelayMinutes else { continue }
            let estimate = DelayEstimate(probability: prediction.probabilityDelayed, minutes: Int(minutes.rounded()))
            let risk = riskByFlight[departure.reference]
            // Without a risk score this pass, a disruption at a risk level waits for the next one rather than reading as cleared.
            if risk == nil, policy.isCancellationRisk(open[departure.reference]?.level) { continue }
            guard policy.assess(open[departure.reference], prediction: estimate, cancellationProbability: risk?.probabilityCancelled) != .none else { continue }
            changing.append((DisruptionChange(
                flightID: departure.reference, kind: .delay, cause: .predicted, probability: estimate.probability,
                expectedDelayMinutes: estimate.minutes, expectedDeparture: departure.scheduledAt + Int64(estimate.minutes) * 60,
                modelVersionID: scores.model.id, reasons: Self.reasons(prediction.reasons), actor: "model:\(scores.model.id)", note: nil),
                estimate, risk?.probabilityCancelled))
        }
        // The cancellation-risk model's reasons cost more than its scores: they are asked for only where something changes.
        let changingIDs = Set(changing.map(\.change.flightID))
        let riskReasons = try await cancellationReasons(of: departures.filter { changingIDs.contains($0.reference) && riskByFlight[$0.reference] != nil })
        for (planned, estimate, cancellationProbability) in changing {
            var change = planned
            if let probability = cancellationProbability, let modelID = risks?.model.id {
                change.cancellationRisk = .init(probability: probability, modelVersionID: modelID, reasons: riskReasons[change.flightID] ?? [])
            }
            let decision = try await database.transaction { [policy, change] sql in
                guard let flight = try await OperatedFlight.find(change.flightID, on: sql, locking: database.engine == .postgres),
                      !flight.isCancelled, flight.departed_at == nil else { return DisruptionDecision.none }
                return try await apply(change, flight: flight, on: sql) {
                    policy.assess($0, prediction: estimate, cancellationProbability: cancellationProbability)
                }
            }
            summary.count(decision)
        }
        return summary
    }

    /// A model's reasons as a disruption keeps them (contributions to three decimals).
    static func reasons(_ reasons: [DelayPrediction.Reason]) -> [Disruption.Reason] {
        reasons.map { .init(feature: $0.feature, phrase: $0.phrase, contribution: ($0.contribution * 1000).rounded() / 1000) }
    }

    /// The cancellation-risk champion's scores of `departures` without reasons, read as known now (the shortest lead time
    /// the model is trained at); nil when the policy has no risk level, there is no champion yet, or its scoring failed.
    func cancellationRisks(of departures: [ScheduledDeparture], logged: Bool) async throws -> CancellationRiskScores? {
        guard let cancellationRisk, !policy.cancellationRiskLevels.isEmpty else { return nil }
        do {
            return try await cancellationRisk.score(departures, source: schedule.name, leadTimeMinutes: Self.cancellationLeadMinutes,
                                                    explain: false, logged: logged)
        } catch let error as ServiceError where error.code == .modelNotFound {
            return nil
        } catch {
            // A broken risk model must not stop the delay model's pass: its levels wait for the next pass that scores.
            logger.warning("cancellation-risk scoring failed; acting on delays only this pass", metadata: ["error": "\(String(reflecting: error))"])
            return nil
        }
    }

    /// The cancellation-risk champion's reasons for `departures`, by flight (none when they cannot be had: the level
    /// still counts, only its explanation is missing).
    func cancellationReasons(of departures: [ScheduledDeparture]) async throws -> [String: [Disruption.Reason]] {
        guard let cancellationRisk, !departures.isEmpty,
              let explained = try? await cancellationRisk.score(departures, source: schedule.name, leadTimeMinutes: Self.cancellationLeadMinutes,
                                                                 explain: true, logged: false)
        else { return [:] }
        return Dictionary(explained.predictions.compactMap { prediction in prediction.flight.id.map { ($0, Self.reasons(prediction.reasons)) } },
                          uniquingKeysWith: { first, _ in first })
    }

    /// Features as known now for every departure at least two hours ahead (the model's shortest trained lead time), and
    /// as known two hours before for those closer.
    static let cancellationLeadMinutes = 120

    /// Of `flightIDs`, those cancelled or already departed.
    func settledFlights(_ flightIDs: [String]) async throws -> Set<String> {
        try await database.read { sql in
            Set(try await FlightStore.flights(flightIDs, on: sql).values.filter(\.isCancelled).map(\.id))
                .union(try await DepartureStore.departed(among: flightIDs, on: sql))
        }
    }

    /// The open disruptions of `flightIDs`, by flight.
    func openDisruptions(of flightIDs: [String]) async throws -> [String: OpenDisruption] {
        try await database.read { sql in
            try await DisruptionStore.open(of: flightIDs, on: sql).mapValues(\.state)
        }
    }

    // MARK: - Applying a decision

    /// Decides on the flight's open disruption as locked in this transaction, and writes the outcome.
    func apply(_ change: DisruptionChange, flight: OperatedFlight, on sql: any SQLDatabase,
               decide: (OpenDisruption?) -> DisruptionDecision) async throws -> DisruptionDecision {
        let current = try await DisruptionStore.open(flightID: flight.id, locking: database.engine == .postgres, on: sql)
        let decision = decide(current?.state)
        let change = switch decision {
        case .open(let level), .raise(let level), .lower(let level): change.recorded(at: level, policy: policy)
        case .update: change.recorded(at: current?.level ?? "", policy: policy)
        case .none, .close: change
        }
        let at = now()
        let reasons = String(decoding: try JSONEncoder().encode(change.reasons), as: UTF8.self)
        var level: String?
        switch decision {
        case .none:
            return decision
        case .open(let opened):
            let id = Identifier.makeOrdered(prefix: "dis", milliseconds: at * 1000)
            try await DisruptionStore.insert(id: id, flightID: flight.id, level: opened, change, reasons: reasons, at: at, on: sql)
            try await record(id, kind: .opened, level: opened, change, reasons: reasons, at: at, on: sql)
            try await Outbox.append(topic: .disruptionOpened, aggregateID: id,
                                    payload: DisruptionChangedEvent(disruptionID: id, flightID: flight.id, level: opened, kind: change.kind),
                                    on: sql, at: Date(timeIntervalSince1970: TimeInterval(at)))
            try await onLevelReached?(.init(disruptionID: id, flightID: flight.id, level: opened, kind: change.kind,
                                            expectedDeparture: change.expectedDeparture), sql)
            return decision
        case .raise(let raised):
            level = raised
        case .lower(let lowered):
            level = lowered
        case .update:
            level = current!.level
        case .close(let reason):
            let id = current!.id
            try await DisruptionStore.close(id, reason: reason.rawValue, at: at, on: sql)
            try await record(id, kind: .closed, level: current!.level, change, reasons: reasons, at: at, on: sql, note: change.note ?? reason.rawValue)
            try await Outbox.append(topic: .disruptionClosed, aggregateID: id,
                                    payload: DisruptionChangedEvent(disruptionID: id, flightID: flight.id, level: current!.level, kind: change.kind),
                                    on: sql, at: Date(timeIntervalSince1970: TimeInterval(at)))
            return decision
        }
        let id = current!.id, newLevel = level!
        let peak = policy.rank(newLevel) > policy.rank(current!.peak_level) ? newLevel : current!.peak_level
        try await DisruptionStore.update(id, level: newLevel, peak: peak, change, reasons: reasons, at: at, on: sql)
        let kind: Disruption.Event.Kind = switch decision {
        case .raise: .levelRaised
        case .lower: .levelLowered
        default: .updated
        }
        try await record(id, kind: kind, level: newLevel, change, reasons: reasons, at: at, on: sql)
        if newLevel != current!.level {
            try await Outbox.append(topic: .disruptionLevelChanged, aggregateID: id,
                                    payload: DisruptionChangedEvent(disruptionID: id, flightID: flight.id, level: newLevel, kind: change.kind),
                                    on: sql, at: Date(timeIntervalSince1970: TimeInterval(at)))
        }
        // Passengers hear of a level once: going up again to a level already reached tells them nothing new.
        if policy.rank(newLevel) > policy.rank(current!.peak_level) {
            try await onLevelReached?(.init(disruptionID: id, flightID: flight.id, level: newLevel, kind: change.kind,
                                            expectedDeparture: change.expectedDeparture), sql)
        }
        return decision
    }

    func record(_ disruptionID: String, kind: Disruption.Event.Kind, level: String, _ change: DisruptionChange, reasons: String, at: Int64,
                on sql: any SQLDatabase, note: String? = nil) async throws {
        try await DisruptionStore.recordEvent(disruptionID, kind: kind, level: level, change, reasons: reasons, note: note ?? change.note, at: at, on: sql)
    }
}
