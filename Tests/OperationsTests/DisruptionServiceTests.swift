import Foundation
import Prediction
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing
@testable import Operations

@Suite struct DisruptionServiceTests {
    @Test(arguments: TestDatabases.engines)
    func aStormOpensDisruptionsThatCalmWeatherDoesNot(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let fixture = try await OperationsFixture(database: database)
            // Hours of calm weather: nothing to open.
            let calmHours = (0..<3).flatMap { hours in ["KJFK", "KEWR"].map { fixture.report($0, OperationsFixture.calm, hoursAgo: hours) } }
            _ = try await fixture.weather.ingest(calmHours.joined(separator: "\n"))
            let calm = try await fixture.disruptions.assessUpcoming()
            #expect(calm.scored > 0)
            #expect(calm.opened == 0)
            #expect(try await fixture.disruptions.list(status: "open").isEmpty)

            // A blizzard arrives at JFK; Newark stays calm.
            fixture.clock.advance(by: 2 * 3600)
            _ = try await fixture.weather.ingest([
                fixture.report("KJFK", OperationsFixture.blizzard, hoursAgo: 1), fixture.report("KJFK", OperationsFixture.blizzard),
                fixture.report("KEWR", OperationsFixture.calm, hoursAgo: 1), fixture.report("KEWR", OperationsFixture.calm),
            ].joined(separator: "\n"))
            let stormy = try await fixture.disruptions.assessUpcoming()
            let open = try await fixture.disruptions.list(status: "open")
            #expect(stormy.opened > 0)
            #expect(open.allSatisfy { $0.flight.origin == "JFK" && $0.cause == .predicted && !$0.reasons.isEmpty })
            let firstOpen = try #require(open.first)
            let first = try #require(try await fixture.disruptions.disruption(id: firstOpen.id))
            #expect(first.history.map(\.kind) == ["opened"])
            #expect(first.expectedDeparture.seconds == first.flight.scheduledDeparture.seconds + Int64(first.expectedDelayMinutes) * 60)

            // The same weather again changes nothing: no second disruption, no new history.
            let again = try await fixture.disruptions.assessUpcoming(airports: ["JFK"])
            #expect(again.opened == 0 && again.raised == 0)
            #expect(try await fixture.disruptions.list(status: nil).count == open.count)

            // The storm passes: the predictions fall well below every level and the disruptions close.
            fixture.clock.advance(by: 2 * 3600)
            _ = try await fixture.weather.ingest([fixture.report("KJFK", OperationsFixture.calm, hoursAgo: 1), fixture.report("KJFK", OperationsFixture.calm)].joined(separator: "\n"))
            let cleared = try await fixture.disruptions.assessUpcoming(airports: ["JFK"])
            #expect(cleared.closed >= 1)
            let closed = try await fixture.disruptions.list(status: "closed")
            #expect(closed.count == cleared.closed && closed.allSatisfy { $0.closeReason == "prediction_cleared" })
            #expect(try await fixture.disruptions.disruption(id: try #require(closed.first).id)?.history.map(\.kind) == ["opened", "closed"])
        }
    }

    @Test(arguments: TestDatabases.engines)
    func operatorsDeclareDelaysCancellationsAndDepartures(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let fixture = try await OperationsFixture(database: database)
            let service = fixture.disruptions
            let flight = "20261201-UA100-JFKLAX", other = "20261201-B6400-JFKBOS"
            let scheduled = OperationsFixture.morning + 3 * 3600  // 08:00 in New York

            // 20 minutes is below every level: the new time is kept, nobody is disrupted.
            #expect(try await service.declareDelay(flightID: flight, estimatedDeparture: scheduled + 20 * 60, by: "ops") == nil)
            let delayed = try #require(try await service.declareDelay(flightID: flight, estimatedDeparture: scheduled + 100 * 60, by: "ops", note: "crew late"))
            #expect(delayed.level == "major_delay" && delayed.cause == .declared && delayed.probability == nil)
            #expect(delayed.expectedDelayMinutes == 100 && delayed.expectedDeparture.seconds == scheduled + 6000)
            #expect(delayed.history.map(\.actor) == ["operator:ops"] && delayed.history[0].note == "crew late")
            let raised = try #require(try await service.declareDelay(flightID: flight, estimatedDeparture: scheduled + 200 * 60, by: "ops"))
            #expect(raised.level == "severe_delay" && raised.peakLevel == "severe_delay" && raised.id == delayed.id)
            let lowered = try #require(try await service.declareDelay(flightID: flight, estimatedDeparture: scheduled + 40 * 60, by: "ops"))
            #expect(lowered.level == "delay" && lowered.peakLevel == "severe_delay")
            #expect(lowered.history.map(\.kind) == ["opened", "level_raised", "level_lowered"])

            // The model does not overrule the operator.
            _ = try await fixture.weather.ingest(fixture.report("KJFK", OperationsFixture.calm))
            _ = try await service.assessUpcoming()
            #expect(try await service.disruption(id: delayed.id)?.status == "open")

            // A departure closes the loop.
            fixture.clock.advance(by: 4 * 3600)
            try await service.recordDeparture(flightID: flight, departedAt: scheduled + 45 * 60, by: "acars")
            let departed = try #require(try await service.disruption(id: delayed.id))
            #expect(departed.status == "closed" && departed.closeReason == "departed" && departed.history.last?.actor == "acars")
            let record = try await database.read { sql in
                try await sql.raw("SELECT departed_at FROM flight_departures WHERE flight_id = \(bind: flight)").first()?.decode(column: "departed_at", as: Int64.self)
            }
            #expect(record == scheduled + 45 * 60)

            // A cancellation takes the flight off sale and stands at the top level.
            let cancelled = try #require(try await service.declareCancellation(flightID: other, by: "ops", note: "storm"))
            #expect(cancelled.level == DisruptionPolicy.cancelledLevel && cancelled.kind == "cancellation")
            let status = try await database.read { sql in
                try await sql.raw("SELECT status FROM flights WHERE id = \(bind: other)").first()?.decode(column: "status", as: String.self)
            }
            #expect(status == "cancelled")

            // What cannot be done is refused, and changes nothing.
            await #expect(throws: ServiceError(.notFound, code: "flight_not_found", message: "No flight has id nope.", field: "flight_id")) {
                try await service.declareDelay(flightID: "nope", estimatedDeparture: scheduled, by: "ops")
            }
            await #expect(throws: ServiceError(.conflict, code: "flight_cancelled", message: "The flight is cancelled.")) {
                try await service.declareDelay(flightID: other, estimatedDeparture: scheduled, by: "ops")
            }
            await #expect(throws: ServiceError(.conflict, code: "flight_departed", message: "The flight has already left.")) {
                try await service.declareCancellation(flightID: flight, by: "ops")
            }
            let third = "20261201-UA500-JFKSJU"
            do {
                _ = try await service.declareDelay(flightID: third, estimatedDeparture: scheduled + 72 * 3600, by: "ops")
                Issue.record("a time three days off was accepted")
            } catch let error as ServiceError {
                #expect(error.code == "invalid_estimated_departure")
            }
            let untouched = try await database.read { sql in
                try await sql.raw("SELECT estimated_departs_at FROM flights WHERE id = \(bind: third)").first()?.decode(column: "estimated_departs_at", as: Int64?.self)
            }
            #expect(untouched == .some(nil))
        }
    }
}

@Suite struct DisruptionEngineTests {
    @Test func theEngineScoresAnAirportAsSoonAsItHasANewObservation() async throws {
        try await TestDatabases.with(.sqlite) { database in
            let fixture = try await OperationsFixture(database: database)
            let engine = Task { await fixture.operations.engine.run() }
            defer { engine.cancel() }
            // The first pass finds calm; the blizzard wakes the engine long before its next periodic pass.
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await fixture.disruptions.list(status: "open").isEmpty)
            fixture.clock.advance(by: 3600)
            _ = try await fixture.weather.ingest([fixture.report("KJFK", OperationsFixture.blizzard, hoursAgo: 1),
                                                  fixture.report("KJFK", OperationsFixture.blizzard)].joined(separator: "\n"))
            // The deadline only bounds a broken engine: on a loaded two-core machine a pass can wait seconds for a thread.
            let deadline = Date().addingTimeInterval(30)
            while try await fixture.disruptions.list(status: "open").isEmpty, Date() < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            let open = try await fixture.disruptions.list(status: "open")
            #expect(!open.isEmpty && open.allSatisfy { $0.flight.origin == "JFK" && $0.cause == .predicted })
            engine.cancel()
            await engine.value
            try await fixture.prediction.log.flush()
        }
    }
}
