import Booking
import Foundation
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing
@testable import Operations

@Suite struct FlightStatusTests {
    @Test(arguments: TestDatabases.engines)
    func statusFollowsTheScheduleDeclarationsAndTheDeparture(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let fixture = try await OperationsFixture(database: database)
            let status = fixture.operations.flightStatus
            // B6400 leaves JFK at 09:00 local on the fixture's first day; "now" is 05:00 local.
            var view = try await status.status(number: "b6 400", date: FixtureNetwork.firstDay.iso)
            #expect(view.status == .scheduled && view.flightId == "20261201-B6400-JFKBOS")
            #expect(view.scheduledDepartureLocal.hasPrefix("2026-12-01T09:00") && view.estimatedDeparture == nil && view.gate == nil)
            let risk = try #require(view.delayRisk)
            #expect((0...1).contains(risk.probabilityDelayed) && risk.delayThresholdMinutes == 15 && view.delayRiskUnavailable == nil)

            let scheduled = try await fixture.disruptions.scheduledDeparture(of: view.flightId)
            _ = try await fixture.disruptions.declareDelay(flightID: view.flightId, estimatedDeparture: scheduled + 95 * 60, by: "ops")
            view = try await status.status(number: "B6400", date: FixtureNetwork.firstDay.iso)
            #expect(view.status == .delayed && view.delayMinutes == 95)
            #expect(view.estimatedDepartureLocal?.hasPrefix("2026-12-01T10:35") == true)
            #expect(view.estimatedArrivalLocal?.hasPrefix("2026-12-01T11:50") == true)  // the 75-minute block after the estimate

            fixture.clock.advance(by: 8 * 3600)
            try await fixture.disruptions.recordDeparture(flightID: view.flightId, departedAt: scheduled + 100 * 60, by: "ops")
            view = try await status.status(number: "B6400", date: FixtureNetwork.firstDay.iso)
            #expect(view.status == .arrived, "\(view.status) \(String(describing: view.actualDepartureLocal))")
            #expect(view.actualDepartureLocal?.hasPrefix("2026-12-01T10:40") == true)
            #expect(view.delayRisk == nil && view.estimatedDeparture == nil)

            _ = try await fixture.disruptions.declareCancellation(flightID: "20261202-B6400-JFKBOS", by: "ops")
            #expect(try await status.status(number: "B6400", date: "2026-12-02").status == .cancelled)
        }
    }

    @Test func badNumbersAndDatesAreRefusedAndAModellessStatusSaysWhy() async throws {
        try await TestDatabases.with(.sqlite) { database in
            let fixture = try await OperationsFixture(database: database, model: false)
            let status = fixture.operations.flightStatus
            let view = try await status.status(number: "UA100", date: "2026-12-02")
            #expect(view.delayRisk == nil && view.delayRiskUnavailable == "No delay model is in service.")
            await #expect(throws: ValidationFailure.self) { try await status.status(number: "U", date: "2026-12-02") }
            await #expect(throws: ValidationFailure.self) { try await status.status(number: "UA100", date: "tomorrow") }
            await #expect(throws: ServiceError.self) { try await status.status(number: "UA999", date: "2026-12-02") }
            #expect(FlightStatusService.parse(number: "UA12345") == nil && FlightStatusService.parse(number: "dl 1")! == ("DL", 1))
        }
    }
}
