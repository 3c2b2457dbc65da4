import Booking
import Foundation
import Maintenance
import Prediction
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing
@testable import Operations

/// A shop visit over the fixture network: the flights of the aircraft in the shop go to another aircraft of the carrier
/// that seats them and is free, or are cancelled with their passengers told and seats held, all in one transaction
/// and without overselling a seat, on SQLite and PostgreSQL.
@Suite struct ShopVisitTests {
    static let day1 = "20261201-B6400-JFKBOS", day2Early = "20261202-B6300-EWRBOS"

    @Test(arguments: TestDatabases.engines)
    func flightsGoToAnotherAircraftOrAreCancelledWithPassengersTold(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let fixture = try await OperationsFixture(database: database, model: false)
            let visits = ShopVisits(database: database, disruptions: fixture.disruptions, now: { fixture.now })
            let booked = try await fixture.buy(Self.day1, passengers: 2)
            let dayStart = Int64(FixtureNetwork.firstDay.daysSinceEpoch) * 86_400 + 5 * 3600   // local midnight in New York

            // N200 in the shop from now to the end of 1 December: its B6400 seats 100 and the carrier's only other aircraft (N300) seats 50.
            let first = try await visits.plan(tail: "N200", start: fixture.now, end: dayStart + 86_400, engineID: nil, note: "borescope", by: "planner")
            // Both of its flights that day (out to Boston and back) are cancelled.
            #expect(first.flights.map(\.flightId) == [Self.day1, "20261201-B6401-BOSJFK"] && first.flights.allSatisfy { $0.outcome == "cancelled" })
            let disruptionID = try #require(first.flights[0].disruptionId)
            let disruption = try #require(try await fixture.disruptions.disruption(id: disruptionID))
            #expect(disruption.level == DisruptionPolicy.cancelledLevel && disruption.history.last?.note == "shop visit of N200: borescope")
            try await fixture.operations.worker.drain()
            let told = try #require(try await fixture.operations.notifications.inbox(orderID: booked).first)
            #expect(told.level == "cancelled" && !(told.content?.alternatives ?? []).isEmpty)

            // N300 in the shop on 2 December: its B6300 (07:00-08:15, 50 seats) fits N200 a turnaround before N200's 09:00 flight;
            // its return at 09:15 does not (N200 is flying then).
            let second = try await visits.plan(tail: "N300", start: dayStart + 86_400, end: dayStart + 2 * 86_400, engineID: nil, note: nil, by: "planner")
            #expect(second.flights.map(\.flightId) == [Self.day2Early, "20261202-B6301-BOSEWR"])
            #expect(second.flights[0].outcome == "reassigned" && second.flights[0].tailNumber == "N200" && second.flights[1].outcome == "cancelled")
            let moved = try await database.read { sql in try await FlightStore.flight(Self.day2Early, on: sql) }
            #expect(moved?.tailNumber == "N200" && moved?.isCancelled == false)
            #expect(try await fixture.ledger().values.allSatisfy { $0.sold == $0.accounted && $0.sold <= $0.capacity })

            // Refused, changing nothing: a past or too long window, an unknown aircraft, an engine not on it.
            await #expect(throws: ServiceError.self) { try await visits.plan(tail: "N100", start: dayStart - 86_400, end: dayStart, engineID: nil, note: nil, by: "x") }
            await #expect(throws: ServiceError.self) {
                try await visits.plan(tail: "N100", start: dayStart + 86_400, end: dayStart + 90 * 86_400, engineID: nil, note: nil, by: "x")
            }
            let unknown = try await #require(throws: ServiceError.self) {
                try await visits.plan(tail: "N0NE", start: dayStart + 86_400, end: dayStart + 2 * 86_400, engineID: nil, note: nil, by: "x")
            }
            #expect(unknown.code == .unknownTail)
            await #expect(throws: ServiceError.self) {
                try await visits.plan(tail: "N100", start: dayStart + 86_400, end: dayStart + 2 * 86_400, engineID: "FD001-1", note: nil, by: "x")
            }
            let stored = try await database.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM shop_visits").first()!.decode(column: "n", as: Int.self)
            }
            #expect(stored == 2)
            let n100 = try await database.read { sql in try await FlightStore.flights(tails: ["N100"], departingFrom: dayStart, on: sql) }
            #expect(n100.allSatisfy { $0.tailNumber == "N100" && !$0.isCancelled })
        }
    }
}
