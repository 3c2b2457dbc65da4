import Booking
import Foundation
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing
@testable import Operations

@Suite struct OrderWebhookTests {
    static let flight = "20261201-B6400-JFKBOS"

    @Test(arguments: TestDatabases.engines)
    func everyOrderEventReachesTheEndpointsThatAskedForIt(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let receiver = try await WebhookReceiver()
            try await receiver.start()
            let fixture = try await OperationsFixture(database: database, model: false)
            let webhooks = fixture.operations.orderWebhooks
            let all = try await fixture.operations.webhooks.create(url: receiver.url, description: "every event")
            let cancellations = try await fixture.operations.webhooks.create(url: receiver.url + "?only=cancelled", description: "filtered",
                                                                              events: ["order.cancelled"])
            #expect(cancellations.0.enabledEvents == [.orderCancelled] && all.0.enabledEvents == nil)
            await #expect(throws: ServiceError.self) {
                try await fixture.operations.webhooks.create(url: receiver.url, description: "bad", events: ["order.teleported"])
            }

            let orderID = try await fixture.buy(Self.flight)
            let quote = try await fixture.booking.cancellations.quote(orderID: orderID)
            _ = try await fixture.booking.cancellations.confirm(cancellationID: quote.id)
            while try await webhooks.fanOut() > 0 {}
            // Read twice (a second instance, a restart): nothing is queued twice.
            try await database.transaction { sql in try await ConsumerCursor.advance(OrderWebhooks.consumer, to: 0, on: sql, now: 0) }
            while try await webhooks.fanOut() > 0 {}
            while try await webhooks.sendDue() > 0 {}

            let received = receiver.requests
            let types = received.map { $0.headers["x-skyport-event"] ?? "" }
            #expect(types.sorted() == ["order.cancelled", "order.cancelled", "order.created"])
            #expect(received.filter { $0.path.contains("only=cancelled") }.map { $0.headers["x-skyport-event"] } == ["order.cancelled"])
            // Each body is signed with its endpoint's secret and carries the event's own payload.
            for request in received {
                let secret = request.path.contains("only=") ? cancellations.secret : all.secret
                #expect(request.headers["x-skyport-signature"] == WebhookChannel.signature(of: request.body, secret: secret))
                let body = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: Any])
                #expect((body["data"] as? [String: Any])?["order_id"] as? String == orderID)
                #expect((body["id"] as? String)?.hasPrefix("evt_") == true)
            }
            let recorded = try await webhooks.deliveries(endpointID: all.0.id)
            #expect(recorded.count == 2 && recorded.allSatisfy { $0.status == "delivered" && $0.attempts == 1 })

            // A ping checks an endpoint now, whatever its filter.
            let ping = try await webhooks.ping(endpointID: cancellations.0.id)
            #expect(ping.status == "delivered" && ping.lastResult == "HTTP 200")
            #expect(receiver.requests.last?.headers["x-skyport-event"] == "ping")
            try await receiver.stop()
        }
    }

    @Test func aFailingEndpointIsTriedAgainOnTheScheduleAndAPingSaysWhy() async throws {
        try await TestDatabases.with(.sqlite) { database in
            let receiver = try await WebhookReceiver()
            try await receiver.start()
            receiver.answer(503)
            let fixture = try await OperationsFixture(database: database, model: false)
            let webhooks = fixture.operations.orderWebhooks
            let endpoint = try await fixture.operations.webhooks.create(url: receiver.url, description: "flaky", events: ["order.created"])
            _ = try await fixture.buy(Self.flight)
            try await webhooks.fanOut()
            try await webhooks.sendDue()
            #expect(try await webhooks.deliveries(endpointID: endpoint.0.id).map(\.status) == ["pending"])
            #expect(try await webhooks.sendDue() == 0)  // not due before the backoff ends
            fixture.clock.advance(by: 30)
            receiver.answer(200)
            #expect(try await webhooks.sendDue() == 1)
            #expect(try await webhooks.deliveries(endpointID: endpoint.0.id).map { ($0.status, $0.attempts) }.first! == ("delivered", 2))
            receiver.answer(410)
            #expect(try await webhooks.ping(endpointID: endpoint.0.id).lastResult == "HTTP 410")
            await #expect(throws: ServiceError.self) { try await webhooks.ping(endpointID: "whk_none") }
            try await receiver.stop()
        }
    }
}
