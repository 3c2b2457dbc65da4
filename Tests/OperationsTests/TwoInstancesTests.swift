import Booking
import Foundation
import Prediction
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing
@testable import Operations

/// Two instances over one PostgreSQL database, each with its own connections, engine and notification
/// worker, as two `skyport serve` processes run them: the work is claimed in the database, so nobody is
/// told twice and no seat is given twice.
@Suite(.enabled(if: TestDatabases.postgresURL != nil, "needs SKYPORT_TEST_POSTGRES_URL"))
struct TwoInstancesTests {
    static let disrupted = "20261201-B6400-JFKBOS"   // 09:00 in New York
    static let alternative = "20261202-B6400-JFKBOS"

    @Test func twoInstancesNeverTellTwiceNorRebookASeatTwice() async throws {
        try await TestDatabases.withPostgresInstances(2) { stores in
            let receiver = try await WebhookReceiver()
            try await receiver.start()
            let first = try await OperationsFixture(database: stores[0], channels: [WebhookChannel(database: stores[0], destinations: .loopback)], instance: "first")
            let (second, secondPrediction) = try first.instance(over: stores[1], name: "second", channels: [WebhookChannel(database: stores[1], destinations: .loopback)])
            _ = try await first.operations.webhooks.create(url: receiver.url, description: "app backend")
            // Tomorrow's flight keeps four economy seats for the twelve bookings of today's.
            try await first.fill(Self.alternative, leaving: 4)
            var orders: [String] = []
            for index in 0..<12 { orders.append(try await first.buy(Self.disrupted, familyName: "Twin\(String(UnicodeScalar(UInt8(97 + index))))")) }

            // Both instances run their engine and worker; the blizzard reaches the first one only.
            let loops = Task {
                await withTaskGroup(of: Void.self) { group in
                    for platform in [first.operations, second] {
                        group.addTask { await platform.engine.run() }
                        group.addTask { await platform.worker.run() }
                    }
                }
            }
            defer { loops.cancel() }
            first.clock.advance(by: 3600)
            _ = try await first.weather.ingest([first.report("KJFK", OperationsFixture.blizzard, hoursAgo: 1),
                                                first.report("KJFK", OperationsFixture.blizzard)].joined(separator: "\n"))
            // And an operator cancels the flight through the second.
            try await waitUntil { try await count("SELECT COUNT(*) AS n FROM disruptions WHERE status = 'open'", stores[1]) > 0 }
            _ = try await second.disruptions.declareCancellation(flightID: Self.disrupted, by: "ops")
            try await waitUntil {
                let undelivered = try await count("SELECT COUNT(*) AS n FROM notification_deliveries WHERE channel = 'webhook' AND status <> 'delivered'", stores[0])
                let queued = try await count("SELECT COUNT(*) AS n FROM notifications WHERE status = 'queued'", stores[0])
                let told = try await count("""
                    SELECT COUNT(*) AS n FROM notifications n JOIN disruptions d ON d.id = n.disruption_id
                    WHERE d.flight_id = '\(Self.disrupted)' AND n.level = 'cancelled' AND n.status = 'prepared'
                    """, stores[0])
                // Under load the two workers may still be sending an earlier level's messages: wait for them too.
                let prepared = try await count("SELECT COUNT(*) AS n FROM notifications WHERE status = 'prepared'", stores[0])
                return undelivered == 0 && queued == 0 && told == 12 && receiver.requests.count >= prepared
            }

            // One open disruption per flight, one message per booking and level, each delivered once.
            #expect(try await count("SELECT COUNT(*) AS n FROM (SELECT flight_id FROM disruptions WHERE status = 'open' GROUP BY flight_id HAVING COUNT(*) > 1) x", stores[0]) == 0)
            let messages = try await stores[0].read { sql in
                try await sql.raw("SELECT id, order_id, level FROM notifications WHERE status = 'prepared'").all().map {
                    (try $0.decode(column: "id", as: String.self), try $0.decode(column: "order_id", as: String.self), try $0.decode(column: "level", as: String.self))
                }
            }
            #expect(Set(messages.map { "\($0.1)/\($0.2)" }).count == messages.count)
            #expect(orders.allSatisfy { order in messages.contains { $0.1 == order && $0.2 == "cancelled" } })
            let delivered = receiver.requests.compactMap { request -> String? in
                let event = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any]
                return (event?["data"] as? [String: Any])?["notification_id"] as? String
            }
            #expect(receiver.requests.count == messages.count)
            #expect(Set(delivered) == Set(messages.map(\.0)) && delivered.count == messages.count)

            // The four held seats, raced for by every booking through both instances at once, go to four bookings.
            let holds = try await stores[0].read { sql in
                try await sql.raw("SELECT id FROM seat_holds WHERE flight_id = \(bind: Self.alternative) AND status = 'held'").all()
                    .map { try $0.decode(column: "id", as: String.self) }
            }
            #expect(holds.count == 4)
            let moved = await withTaskGroup(of: String?.self) { group in
                for order in orders {
                    for hold in holds {
                        for desk in [first.operations.rebooking, second.rebooking] {
                            group.addTask { (try? await desk.accept(orderID: order, alternativeID: hold, actor: "passenger")) == nil ? nil : order }
                        }
                    }
                }
                var moved: [String] = []
                for await order in group { if let order { moved.append(order) } }
                return moved
            }
            #expect(moved.count == 4 && Set(moved).count == 4)
            #expect(try await first.freeSeats(Self.alternative) == 0)
            #expect(try await first.ledger().values.allSatisfy { $0.sold == $0.accounted && $0.sold <= $0.capacity })
            #expect(try await count("SELECT COUNT(*) AS n FROM ticket_reissues", stores[0]) == 4)
            loops.cancel()
            await loops.value
            try await first.prediction.log.flush()
            try await secondPrediction.log.flush()
            try await receiver.stop()
        }
    }

    func count(_ query: String, _ database: any Database) async throws -> Int {
        try await database.read { sql in try await sql.raw(SQLQueryString(stringLiteral: query)).first()!.decode(column: "n", as: Int.self) }
    }

    func waitUntil(seconds: Double = 20, _ condition: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("timed out after \(seconds) s")
    }
}
