import Booking
import Foundation
import Maintenance
import Prediction
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

/// The fleet over a real database: FD001 test engines put on the fixture's aircraft, predicted with a real engine-life
/// champion, their remaining cycles on the calendar of each aircraft's flights; sensor history recorded through the
/// service all or nothing, in order.
@Suite struct EngineFleetTests {
    @Test(arguments: TestDatabases.engines)
    func engineFleetPredictsAndDatesEveryEngineAndRecordsCyclesInOrder(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            _ = try await FixtureNetwork.seed(database)
            let now = Int64(FixtureNetwork.firstDay.daysSinceEpoch) * 86_400
            let registry = ModelRegistry(database: database)
            let model = EngineLifeModel(registry: registry, log: PredictionLog(database: database, logger: TestDatabases.logger), now: { now })
            let fleet = EngineFleet(database: database, model: model, now: { now })
            let (draft, data) = try await QuickEngineLifeModel.get()

            // Six test engines on the three aircraft with flights, busiest first; importing again adds nothing.
            #expect(try await fleet.importDemonstration(Array(data.test.prefix(6))) == 6)
            #expect(try await fleet.importDemonstration(Array(data.test.prefix(6))) == 0)
            let tails = try await database.read { sql in try await FlightStore.scheduledTails(departingFrom: now, on: sql) }
            var listed = try await fleet.engines()
            #expect(listed.count == 6 && listed.allSatisfy { $0.due == nil }, "no champion yet: engines without predictions")
            #expect(Set(listed.map(\.tailNumber)) == Set(tails.prefix(3).map(\.tail)))

            // With a champion: each engine's remaining cycles inside its interval, on its aircraft's calendar, soonest first.
            try await draft.installChampion(in: database, now: now)
            listed = try await fleet.engines()
            let dues = listed.compactMap(\.due)
            #expect(dues.count == 6 && dues.map(\.remainingCycles) == dues.map(\.remainingCycles).sorted())
            #expect(dues.allSatisfy { $0.lowerCycles <= $0.remainingCycles && $0.remainingCycles <= $0.upperCycles && $0.basis != .unscheduled })
            let soonest = try #require(listed.first)
            let flights = try await database.read { sql in try await FlightStore.flights(tails: [soonest.tailNumber], departingFrom: now, on: sql) }
            let due = try #require(soonest.due)
            if due.basis == .schedule {
                #expect(due.date?.seconds == flights[max(1, Int(due.remainingCycles.rounded(.up))) - 1].departsAt)
            }
            #expect((due.earliestDate?.seconds ?? 0) <= (due.date?.seconds ?? 0))
            let within = try await fleet.engines(dueWithin: Int(due.lowerCycles.rounded(.up)))
            #expect(within.contains { $0.id == soonest.id } && within.allSatisfy { ($0.due?.lowerCycles ?? .infinity) <= due.lowerCycles.rounded(.up) })
            await #expect(throws: ServiceError.self) { try await fleet.engines(dueWithin: 0) }

            // Recording: the next cycles are appended; a repeated or older cycle changes nothing; a new engine needs a known aircraft.
            let id = soonest.id
            let before = try await fleet.engine(id)
            let last = try #require(before.recentCycles.last)
            func request(_ cycles: [(Int, [Double])]) throws -> [EngineRequest.Cycle] {
                let json = try JSONSerialization.data(withJSONObject: cycles.map { ["cycle": $0.0, "settings": [0.0, 0.0, 100.0], "sensors": $0.1] })
                return try JSONDecoder().decode([EngineRequest.Cycle].self, from: json)
            }
            let recorded = try await fleet.record(engineID: id, tailNumber: nil, position: nil,
                                                  cycles: try request([(last.cycle + 1, last.sensors), (last.cycle + 2, last.sensors)]))
            #expect(recorded.cyclesRecorded == soonest.cyclesRecorded + 2)
            await #expect(throws: ServiceError(.conflict, code: .cycleOutOfOrder, message: "Engine \(id) has cycles up to \(last.cycle + 2): send the ones after it.",
                                               field: "cycles[0].cycle")) {
                try await fleet.record(engineID: id, tailNumber: nil, position: nil, cycles: try request([(last.cycle + 2, last.sensors), (last.cycle + 3, last.sensors)]))
            }
            #expect(try await fleet.engine(id).engine.cyclesRecorded == soonest.cyclesRecorded + 2, "the refused batch wrote nothing")
            let unknown = try await #require(throws: ServiceError.self) {
                try await fleet.record(engineID: "ESN-1", tailNumber: "N0NE", position: 1, cycles: try request([(1, last.sensors)]))
            }
            #expect(unknown.code == .unknownTail)
            let added = try await fleet.record(engineID: "ESN-1", tailNumber: tails[0].tail, position: 2, cycles: try request([(1, last.sensors)]))
            #expect(added.tailNumber == tails[0].tail && added.position == 2 && added.source == "api" && added.cyclesRecorded == 1)
            await #expect(throws: ServiceError.self) { try await fleet.engine("nobody") }
        }
    }
}
