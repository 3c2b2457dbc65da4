import Booking
import Foundation
import Prediction
import SQLKit
import SkyportContracts
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing
@testable import Operations

/// Operations act on the cancellation-risk model before anything is declared: when a flight's risk crosses a level of
/// the policy, its passengers are told in their language and seats are held for them on later flights, once per level
/// however often the flight is rescored, and a declared cancellation afterwards is one more level that reuses the holds.
@Suite struct CancellationRiskOperationsTests {
    static let flight = "20261201-B6400-JFKBOS"   // 09:00 in New York

    /// The standard delay levels with risk levels low enough for the synthetic model's storms (its deepest storms cancel
    /// about one departure in four).
    static var policy: DisruptionPolicy {
        var policy = DisruptionPolicy.standard
        policy.cancellationRiskLevels = [.init(name: "cancellation_possible", minimumProbability: 0.05),
                                         .init(name: "cancellation_likely", minimumProbability: 0.6)]
        return policy
    }

    @Test(arguments: TestDatabases.engines)
    func aFlightWhoseRiskCrossesALevelIsToldOnceInItsLanguageWithSeatsHeld(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let fixture = try await OperationsFixture(database: database, policy: Self.policy)
            try await WeatherCancellationModel.installChampion(in: database, now: fixture.now)
            let single = try await fixture.buy(Self.flight)
            let family = try await fixture.buy(Self.flight, passengers: 2, familyName: "Kim")
            try await database.transaction { sql in try await sql.raw("UPDATE orders SET language = 'ko' WHERE id = \(bind: family)").run() }

            // Calm weather: scored by both models, nothing reaches a level.
            _ = try await fixture.weather.ingest([fixture.report("KJFK", OperationsFixture.calm, hoursAgo: 1), fixture.report("KJFK", OperationsFixture.calm)]
                .joined(separator: "\n"))
            let calm = try await fixture.disruptions.assessUpcoming()
            #expect(calm.scored > 0 && calm.cancellationModelVersion == 1 && calm.opened == 0)

            // A blizzard three hours before departure: the flight reaches a risk level and its passengers hear of it.
            fixture.clock.advance(by: 2 * 3600)
            _ = try await fixture.weather.ingest([fixture.report("KJFK", OperationsFixture.blizzard, hoursAgo: 1),
                                                  fixture.report("KJFK", OperationsFixture.blizzard)].joined(separator: "\n"))
            _ = try await fixture.disruptions.assessUpcoming()
            let disruption = try #require(try await fixture.disruptions.list(status: "open").first { $0.flight.id == Self.flight })
            #expect(Self.policy.isCancellationRisk(disruption.level), "\(disruption.level)")
            #expect(disruption.kind == .cancellationRisk && disruption.cause == .predicted)
            let probability = try #require(disruption.probability)
            #expect(probability >= 0.05 && disruption.modelVersionID != nil && !disruption.reasons.isEmpty)
            try await fixture.operations.worker.drain()
            let english = try #require(try await fixture.operations.notifications.inbox(orderID: single).first)
            #expect(english.level == disruption.level)
            #expect(english.subject?.hasPrefix("May be cancelled: B6 400 JFK-BOS") == true, "\(english.subject ?? "")")
            #expect(english.body?.contains("may be cancelled: our forecast puts the chance at about") == true)
            #expect(english.body?.contains("Nothing has been decided yet") == true)
            #expect(english.content?.cancellationRisk == true && english.content?.cancelled == false)
            let held = try #require(english.content?.alternatives)
            #expect(!held.isEmpty, "seats are held on later flights before anything is declared")
            let korean = try #require(try await fixture.operations.notifications.inbox(orderID: family).first)
            #expect(korean.subject?.hasPrefix("결항 가능성 안내: B6 400 JFK-BOS") == true && korean.body?.contains("결항될 가능성이 있습니다") == true)

            // Rescored again and again in the same storm: nobody is told twice.
            for _ in 0..<3 {
                fixture.clock.advance(by: 300)
                _ = try await fixture.disruptions.assessUpcoming()
            }
            try await fixture.operations.worker.drain()
            let told = try await OperationsFixture.notifications(database).filter { [single, family].contains($0.order) }
            #expect(told.count == 2 && Set(told.map(\.level)).count == 1)

            // Operations then cancel the flight: one more message each, the seats held before are the ones offered.
            _ = try await fixture.disruptions.declareCancellation(flightID: Self.flight, by: "ops")
            try await fixture.operations.worker.drain()
            let all = try await OperationsFixture.notifications(database).filter { [single, family].contains($0.order) }
            #expect(all.count == 4 && Set(all.map { "\($0.order)/\($0.level)" }).count == 4)
            let cancelled = try #require(try await fixture.operations.notifications.inbox(orderID: single).first { $0.level == "cancelled" })
            #expect(cancelled.content?.alternatives.map(\.id) == held.map(\.id))
            #expect(try await fixture.ledger().values.allSatisfy { $0.sold == $0.accounted && $0.sold <= $0.capacity })
        }
    }

    /// Two instances rescoring the same storm at once over one PostgreSQL database: one disruption, one message per
    /// booking and level.
    @Test(.enabled(if: TestDatabases.postgresURL != nil, "needs SKYPORT_TEST_POSTGRES_URL"))
    func twoInstancesTellEachBookingOncePerRiskLevel() async throws {
        try await TestDatabases.withPostgresInstances(2) { stores in
            let first = try await OperationsFixture(database: stores[0], policy: Self.policy, instance: "first")
            let (second, _) = try first.instance(over: stores[1], name: "second", channels: [])
            try await WeatherCancellationModel.installChampion(in: stores[0], now: first.now)
            var orders: [String] = []
            for index in 0..<6 { orders.append(try await first.buy(Self.flight, familyName: "Twin\(String(UnicodeScalar(UInt8(97 + index))))")) }
            first.clock.advance(by: 2 * 3600)
            _ = try await first.weather.ingest([first.report("KJFK", OperationsFixture.blizzard, hoursAgo: 1),
                                                first.report("KJFK", OperationsFixture.blizzard)].joined(separator: "\n"))
            for _ in 0..<3 {
                async let a = first.disruptions.assessUpcoming()
                async let b = second.disruptions.assessUpcoming()
                _ = try await (a, b)
                first.clock.advance(by: 120)
            }
            let disruption = try #require(try await first.disruptions.list(status: "open").first { $0.flight.id == Self.flight })
            #expect(Self.policy.isCancellationRisk(disruption.level))
            let told = try await OperationsFixture.notifications(stores[0]).filter { orders.contains($0.order) }
            #expect(told.count == orders.count && Set(told.map(\.order)) == Set(orders) && told.allSatisfy { $0.level == disruption.level })
            let open = try await stores[0].read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM disruptions WHERE flight_id = \(bind: Self.flight)").first()!.decode(column: "n", as: Int.self)
            }
            #expect(open == 1)
        }
    }
}
