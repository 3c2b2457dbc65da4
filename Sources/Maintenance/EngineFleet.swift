import Booking
import Foundation
import Prediction
import SQLKit
import SkyportContracts
import SkyportDomain
import SkyportStore

/// The airline's engines: their sensor history, cycle by cycle (ingested through the API or imported), the engine-life
/// champion's remaining cycles for each with its interval, and when that is on the calendar, one cycle per scheduled
/// flight of the aircraft the engine is mounted on.
public struct EngineFleet: Sendable {
    let database: any Database
    let model: EngineLifeModel
    let now: @Sendable () -> Int64

    public init(database: any Database, model: EngineLifeModel, now: @escaping @Sendable () -> Int64) {
        self.database = database
        self.model = model
        self.now = now
    }

    /// An engine as the fleet list and the maintenance page show it.
    public struct Engine: Codable, Sendable {
        /// When it reaches its predicted remaining cycles and the low end of their interval.
        public struct Due: Codable, Sendable {
            public let remainingCycles: Double
            public let lowerCycles: Double
            public let upperCycles: Double
            public let level: Double
            public let probabilityFailureWithinHorizon: Double
            public let failureHorizonCycles: Int
            /// The predicted remaining cycles on the calendar, and the interval's low end (the earliest it is likely).
            public let date: UTCInstant?
            public let earliestDate: UTCInstant?
            public let basis: DueDate.Basis
            public let reasons: [EngineLifePrediction.Reason]
            public let model: DelayPrediction.Model
        }

        public let id: String
        public let tailNumber: String
        public let position: Int
        public let source: String
        public let cyclesRecorded: Int
        public let lastRecordedAt: UTCInstant?
        /// Nil until the engine has cycles and there is an engine-life champion.
        public let due: Due?

        /// Whether its interval of remaining cycles starts within `cycles` (an engine without a prediction is not due).
        public func isDue(within cycles: Int) -> Bool {
            due.map { $0.lowerCycles <= Double(cycles) } ?? false
        }
    }

    /// A number of cycles to look ahead, from a query parameter: 1 to 100,000.
    public static func dueWithin(_ text: String, field: String) throws -> Int {
        try checkedDueWithin(Int(text), field: field)
    }

    static func checkedDueWithin(_ cycles: Int?, field: String) throws -> Int {
        guard let cycles, (1...100_000).contains(cycles) else {
            throw ServiceError(.invalid, code: .invalidDueWithin, message: "\(field) is a number of cycles from 1 to 100,000.", field: field)
        }
        return cycles
    }

    /// An engine with its latest cycles.
    public struct Detail: Codable, Sendable {
        public struct Cycle: Codable, Sendable {
            public let cycle: Int
            public let settings: [Double]
            public let sensors: [Double]
        }

        public let engine: Engine
        /// The last 30 recorded cycles, oldest first.
        public let recentCycles: [Cycle]
    }

    /// Every engine, soonest due first (engines without a prediction last); with `dueWithin`, those whose interval's low
    /// end is within that many cycles.
    public func engines(dueWithin: Int? = nil) async throws -> [Engine] {
        if let dueWithin { _ = try Self.checkedDueWithin(dueWithin, field: "due_within") }
        let (rows, histories) = try await database.read { sql in
            (try await EngineFleetStore.engines(on: sql), try await EngineFleetStore.histories(of: nil, on: sql))
        }
        let engines = try await assess(rows, histories: histories)
        return engines.filter { engine in dueWithin.map(engine.isDue(within:)) ?? true }
            .sorted { ($0.due?.remainingCycles ?? .infinity, $0.id) < ($1.due?.remainingCycles ?? .infinity, $1.id) }
    }

    /// One engine with its latest cycles.
    public func engine(_ id: String) async throws -> Detail {
        let (row, histories) = try await database.read { sql in
            (try await EngineFleetStore.engines([id], on: sql).first, try await EngineFleetStore.histories(of: [id], on: sql))
        }
        guard let row else { throw ServiceError(.notFound, code: .engineNotFound, message: "No engine has id \(id).", field: "id") }
        let engine = try await assess([row], histories: histories)[0]
        let recent = (histories[id] ?? []).suffix(30).map { Detail.Cycle(cycle: $0.cycle, settings: $0.settings, sensors: $0.sensors) }
        return Detail(engine: engine, recentCycles: Array(recent))
    }

    /// Records cycles after the engine's last one (all or none); a new engine needs the aircraft it is mounted on.
    /// Returns the engine as it stands afterwards.
    public func record(engineID: String, tailNumber: String?, position: Int?, cycles input: [EngineRequest.Cycle]?) async throws -> Engine {
        guard (1...64).contains(engineID.count), engineID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
            throw ServiceError(.invalid, code: .invalidCode, message: "An engine id is 1 to 64 letters, digits, '-', '_' or '.'.", field: "id")
        }
        let cycles = try EngineRequest(engine: engineID, cycles: input).history(at: nil).cycles
        if let position, !(1...4).contains(position) {
            throw ServiceError(.invalid, code: .invalidPosition, message: "position is the engine's place on the aircraft, 1 to 4.", field: "position")
        }
        let at = now()
        try await database.transaction { sql in
            let existing = try await EngineFleetStore.lastCycle(of: engineID, locking: database.engine == .postgres, on: sql)
            if let existing {
                if let tailNumber, tailNumber != existing.tail {
                    throw ServiceError(.conflict, code: .unknownTail, message: "Engine \(engineID) is on \(existing.tail), not \(tailNumber).", field: "tail_number")
                }
                guard let first = cycles.first, first.cycle > existing.cycle else {
                    throw ServiceError(.conflict, code: .cycleOutOfOrder,
                                       message: "Engine \(engineID) has cycles up to \(existing.cycle): send the ones after it.", field: "cycles[0].cycle")
                }
            } else {
                guard let tailNumber, !tailNumber.isEmpty else {
                    throw ServiceError(.invalid, code: .missingField, message: "A new engine needs the tail_number of its aircraft.", field: "tail_number")
                }
                guard try await NetworkStore.aircraft([tailNumber], on: sql)[tailNumber] != nil else {
                    throw ServiceError(.invalid, code: .unknownTail, message: "No aircraft has tail number \(tailNumber).", field: "tail_number")
                }
                try await EngineFleetStore.insertEngine(id: engineID, tail: tailNumber, position: position ?? 1, source: "api", at: at, on: sql)
            }
            try await EngineFleetStore.append(cycles, to: engineID, at: at, on: sql)
        }
        return try await engine(engineID).engine
    }

    /// Imports NASA's FD001 test engines (`data.test`, all 100 of them) onto the aircraft that fly the most
    /// (`DemonstrationFleet`); engines already in the fleet are left as they are. Returns how many were added.
    public func importDemonstration(_ engines: [EngineHistory]) async throws -> Int {
        let at = now()
        return try await database.transaction { sql in
            let tails = try await FlightStore.scheduledTails(departingFrom: at, on: sql).map(\.tail)
            guard let mapping = DemonstrationFleet.mapping(units: engines.map(\.unit), rankedTails: tails) else {
                throw ServiceError(.conflict, code: .unknownTail,
                                   message: "The schedule has \(tails.count) aircraft with flights ahead; \(engines.count) engines need \((engines.count + 1) / 2).")
            }
            let histories = Dictionary(engines.map { ($0.unit, $0.cycles) }, uniquingKeysWith: { first, _ in first })
            var added = 0
            for (unit, tail, position) in mapping {
                let id = DemonstrationFleet.engineID(unit: unit)
                guard try await EngineFleetStore.lastCycle(of: id, locking: false, on: sql) == nil else { continue }
                try await EngineFleetStore.insertEngine(id: id, tail: tail, position: position, source: DemonstrationFleet.source, at: at, on: sql)
                try await EngineFleetStore.append(histories[unit] ?? [], to: id, at: at, on: sql)
                added += 1
            }
            return added
        }
    }

    /// The engines with the champion's predictions and their dates (without predictions when there is no champion).
    func assess(_ rows: [EngineFleetStore.EngineRow], histories: [String: [EngineCycle]]) async throws -> [Engine] {
        let withHistory = rows.filter { !(histories[$0.id] ?? []).isEmpty }
        var predictions: [String: EngineLifePrediction] = [:]
        if !withHistory.isEmpty {
            do {
                let predicted = try await model.predict(withHistory.map { ($0.id, histories[$0.id] ?? []) }, model: nil)
                for prediction in predicted { predictions[prediction.engine] = prediction }
            } catch let error as ServiceError where error.code == .modelNotFound {
                predictions = [:]
            }
        }
        let at = now()
        let flights = try await database.read { sql in
            try await FlightStore.flights(tails: Set(rows.map(\.tail_number)), departingFrom: at, on: sql)
        }
        let departures = Dictionary(grouping: flights, by: { $0.tailNumber ?? "" }).mapValues { $0.map(\.departsAt) }
        return rows.map { row in
            let due = predictions[row.id].map { prediction -> Engine.Due in
                let schedule = departures[row.tail_number] ?? []
                let date = DueDate.reaching(prediction.remainingCycles, departures: schedule, now: at)
                let earliest = DueDate.reaching(prediction.interval.lower, departures: schedule, now: at)
                return Engine.Due(remainingCycles: prediction.remainingCycles, lowerCycles: prediction.interval.lower, upperCycles: prediction.interval.upper,
                                  level: prediction.interval.level, probabilityFailureWithinHorizon: prediction.probabilityFailureWithinHorizon,
                                  failureHorizonCycles: prediction.failureHorizonCycles, date: date.at.map(UTCInstant.init),
                                  earliestDate: earliest.at.map(UTCInstant.init), basis: date.basis, reasons: prediction.reasons, model: prediction.model)
            }
            return Engine(id: row.id, tailNumber: row.tail_number, position: row.position, source: row.source, cyclesRecorded: row.cycles,
                          lastRecordedAt: row.last_recorded_at.map(UTCInstant.init), due: due)
        }
    }
}
