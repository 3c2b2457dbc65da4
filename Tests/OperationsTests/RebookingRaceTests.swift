import Booking
import Foundation
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing
@testable import Operations

@Suite struct RebookingRaceTests {
    static let disrupted = "20261201-B6400-JFKBOS"
    static let alternative = "20261202-B6400-JFKBOS"

    @Test(arguments: TestDatabases.engines)
    func manyPassengersRacingForFewSeatsNeverOversell(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let fixture = try await OperationsFixture(database: database, model: false)
            // The next morning's flight keeps five economy seats; tomorrow's later flights do not exist on this route.
            try await fixture.fill(Self.alternative, leaving: 5)
            var orders: [String] = []
            for index in 0..<12 { orders.append(try await fixture.buy(Self.disrupted, familyName: "Racer\(String(UnicodeScalar(UInt8(97 + index))))")) }
            _ = try await fixture.disruptions.declareCancellation(flightID: Self.disrupted, by: "ops")

            // Two instances word the messages at once: the five seats are held for five bookings, no more.
            async let first: Void = fixture.operations.worker.drain()
            async let second: Void = fixture.operations.worker.drain()
            _ = try await (first, second)
            let holds = try await database.read { sql in
                try await sql.raw("SELECT id, order_id FROM seat_holds WHERE flight_id = \(bind: Self.alternative) AND status = 'held'").all()
                    .map { (try $0.decode(column: "id", as: String.self), try $0.decode(column: "order_id", as: String.self)) }
            }
            #expect(holds.count == 5 && Set(holds.map(\.1)).count == 5)
            #expect(try await fixture.freeSeats(Self.alternative) == 0)

            // Everyone clicks at once on the first alternative they can see (the five holds, each tried by every booking).
            let outcomes = await withTaskGroup(of: (String, Bool).self) { group in
                for order in orders {
                    for hold in holds {
                        group.addTask {
                            let moved = try? await fixture.operations.rebooking.accept(orderID: order, alternativeID: hold.0, actor: "passenger")
                            return (order, moved != nil)
                        }
                    }
                }
                var results: [(String, Bool)] = []
                for await result in group { results.append(result) }
                return results
            }
            let moved = outcomes.filter(\.1).map(\.0)
            #expect(moved.count == 5 && Set(moved) == Set(holds.map(\.1)))
            #expect(try await fixture.freeSeats(Self.alternative) == 0)
            let ledger = try await fixture.ledger()
            #expect(ledger.values.allSatisfy { $0.sold == $0.accounted && $0.sold <= $0.capacity })
            #expect(ledger["\(Self.disrupted)/economy"]?.sold == 7)
            let reissued = try await database.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM ticket_reissues").first()!.decode(column: "n", as: Int.self)
            }
            #expect(reissued == 5)
        }
    }
}
