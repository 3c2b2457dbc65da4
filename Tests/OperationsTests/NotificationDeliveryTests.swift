import AsyncHTTPClient
import Booking
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing
@testable import Operations

@Suite struct NotificationDeliveryTests {
    static let flight = "20261201-UA100-JFKLAX"
    static let scheduled = OperationsFixture.morning + 3 * 3600

    func deliveries(_ database: any Database) async throws -> [(status: String, attempts: Int, next: Int64)] {
        try await database.read { sql in
            try await sql.raw("SELECT status, attempts, next_attempt_at FROM notification_deliveries WHERE channel = 'webhook' ORDER BY id").all().map {
                (try $0.decode(column: "status", as: String.self), try $0.decode(column: "attempts", as: Int.self),
                 try $0.decode(column: "next_attempt_at", as: Int64.self))
            }
        }
    }

    /// A registered URL cannot make Skyport reach its own network (issue 16): refused when written as an internal
    /// address, and when a name only turns out to be one at delivery.
    @Test(arguments: ["http://127.0.0.1:9/x", "http://[::1]/x", "https://10.1.2.3/x", "http://169.254.169.254/latest/meta-data",
                      "http://localhost:8080/x", "http://api.localhost/x", "http://0x7f000001/x", "http://2130706433/x", "http://[fd00:ec2::254]/x"])
    func registeredWebhooksMayNotPointInside(url: String) async throws {
        try await TestDatabases.with(.sqlite) { database in
            let endpoints = WebhookEndpoints(database: database, now: { 1 })
            await #expect {
                try await endpoints.create(url: url, description: "inside")
            } throws: { ($0 as? ServiceError)?.code == "forbidden_address" }
            // An airline's own receivers are let through when configured.
            let allowed = WebhookEndpoints(database: database, destinations: .loopback, now: { 1 })
            if url.contains("127.0.0.1") || url.contains("localhost") { _ = try await allowed.create(url: url, description: "own") }
        }
    }

    @Test func aNameThatLeadsInsideIsNotPostedTo() async throws {
        try await TestDatabases.with(.sqlite) { database in
            let receiver = try await WebhookReceiver()
            try await receiver.start()
            let fixture = try await OperationsFixture(database: database, channels: [WebhookChannel(database: database)], model: false)
            // Registered under a name (allowed), delivered to an address that is loopback: refused for good, nothing sent.
            let endpoint = try await WebhookEndpoints(database: database, destinations: .publicOnly, now: { 1 })
                .create(url: receiver.url.replacingOccurrences(of: "127.0.0.1", with: "loopback.skyport.test"), description: "named")
            try await database.transaction { sql in
                try await sql.raw("UPDATE webhook_endpoints SET url = \(bind: receiver.url) WHERE id = \(bind: endpoint.0.id)").run()
            }
            _ = try await fixture.buy(Self.flight, familyName: "Inside")
            _ = try await fixture.disruptions.declareDelay(flightID: Self.flight, estimatedDeparture: Self.scheduled + 45 * 60, by: "ops")
            try await fixture.operations.worker.drain()
            #expect(receiver.requests.isEmpty)
            #expect(try await deliveries(database).map(\.status) == ["dead"])
        }
    }

    /// The look-up before a post is not the only check: the connection itself is checked as it is made, before a byte
    /// of the request goes out (a name that re-resolves to an inside address between the two is refused too).
    @Test func theAddressReachedIsCheckedBeforeAByteIsSent() async throws {
        let receiver = try await WebhookReceiver()
        try await receiver.start()
        let client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: HTTPPoster.configuration(checking: .publicOnly))
        var request = HTTPClientRequest(url: receiver.url)
        request.method = .POST
        request.body = .bytes(ByteBuffer(string: "{}"))
        await #expect(throws: (any Error).self) { _ = try await client.execute(request, timeout: .seconds(3)) }
        try await client.shutdown()
        #expect(receiver.requests.isEmpty)
        let allowed = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: HTTPPoster.configuration(checking: .loopback))
        #expect(try await allowed.execute(request, timeout: .seconds(3)).status == .ok)
        try await allowed.shutdown()
        #expect(receiver.requests.count == 1)
        try await receiver.stop()
    }

    @Test(arguments: TestDatabases.engines)
    func aReceiverThatIsDownGetsEveryDeliveryOnceItIsBack(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let receiver = try await WebhookReceiver()  // not listening yet: connections are refused
            let fixture = try await OperationsFixture(database: database, channels: [WebhookChannel(database: database, destinations: .loopback)], model: false)
            _ = try await fixture.operations.webhooks.create(url: receiver.url, description: "partner")
            for index in 0..<5 { _ = try await fixture.buy(Self.flight, familyName: "Down\(["a", "b", "c", "d", "e"][index])") }
            _ = try await fixture.disruptions.declareDelay(flightID: Self.flight, estimatedDeparture: Self.scheduled + 45 * 60, by: "ops")
            try await fixture.operations.worker.drain()
            var state = try await deliveries(database)
            #expect(state.count == 5 && state.allSatisfy { $0.status == "pending" && $0.attempts == 1 && $0.next == fixture.now + 30 })

            // Nothing is due before the backoff ends; then the second try fails too and waits twice as long.
            try await fixture.operations.worker.drain()
            #expect(try await deliveries(database).allSatisfy { $0.attempts == 1 })
            fixture.clock.advance(by: 30)
            try await fixture.operations.worker.drain()
            state = try await deliveries(database)
            #expect(state.allSatisfy { $0.status == "pending" && $0.attempts == 2 && $0.next == fixture.now + 60 })

            // A receiver that answers 503 is also down.
            try await receiver.start()
            receiver.answer(503)
            fixture.clock.advance(by: 60)
            try await fixture.operations.worker.drain()
            #expect(receiver.requests.count == 5)
            #expect(try await deliveries(database).allSatisfy { $0.attempts == 3 && $0.next == fixture.now + 120 })

            // Back for real: every delivery arrives, once.
            receiver.answer(202)
            fixture.clock.advance(by: 120)
            try await fixture.operations.worker.drain()
            #expect(try await deliveries(database).allSatisfy { $0.status == "delivered" && $0.attempts == 4 })
            let accepted = receiver.requests.dropFirst(5)
            #expect(accepted.count == 5 && Set(accepted.compactMap { $0.headers["x-skyport-delivery"] }).count == 5)
            fixture.clock.advance(by: 3600)
            try await fixture.operations.worker.drain()
            #expect(receiver.requests.count == 10)

            // Every try is in the message's log.
            let message = try #require(try await fixture.operations.notifications.inbox(orderID: try await database.read { sql in
                try await sql.raw("SELECT order_id FROM notifications LIMIT 1").first()!.decode(column: "order_id", as: String.self)
            }).first)
            let logged = try #require(try await fixture.operations.notifications.message(id: message.id))
            let webhook = try #require(logged.deliveries.first { $0.channel == "webhook" })
            #expect(webhook.log.map(\.outcome) == ["failed", "failed", "failed", "delivered"], "\(webhook.log.map { $0.detail ?? "" })")
            #expect(webhook.log[2].detail?.hasPrefix("HTTP 503") == true && webhook.log[3].detail == "HTTP 202: ok")
            try await receiver.stop()
        }
    }

    @Test func afterTheLastTryADeliveryIsADeadLetterUntilRetried() async throws {
        try await TestDatabases.with(.sqlite) { database in
            let receiver = try await WebhookReceiver()
            let fixture = try await OperationsFixture(database: database, channels: [WebhookChannel(database: database, destinations: .loopback)],
                                                      retries: RetrySchedule(attempts: 3, firstDelaySeconds: 10, maximumDelaySeconds: 60), model: false)
            _ = try await fixture.operations.webhooks.create(url: receiver.url, description: "partner")
            _ = try await fixture.buy(Self.flight)
            _ = try await fixture.disruptions.declareDelay(flightID: Self.flight, estimatedDeparture: Self.scheduled + 45 * 60, by: "ops")
            for _ in 0..<3 {
                try await fixture.operations.worker.drain()
                fixture.clock.advance(by: 60)
            }
            let dead = try await fixture.operations.notifications.deadLetters()
            #expect(dead.count == 1 && dead[0].attempts == 3 && dead[0].last_error?.contains("cannot connect") == true)

            // A permanent refusal goes to the dead letters at once.
            try await receiver.start()
            receiver.answer(410)
            #expect(try await fixture.operations.notifications.retry(deliveryID: dead[0].id))
            #expect(try await !fixture.operations.notifications.retry(deliveryID: dead[0].id))
            try await fixture.operations.worker.drain()
            #expect(try await fixture.operations.notifications.deadLetters().first?.attempts == 1)

            receiver.answer(200)
            #expect(try await fixture.operations.notifications.retry(deliveryID: dead[0].id))
            try await fixture.operations.worker.drain()
            #expect(try await fixture.operations.notifications.deadLetters().isEmpty)
            #expect(receiver.requests.count == 2)
            try await receiver.stop()
        }
    }

    @Test func theSignatureIsHMACSHA256OfTheBody() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        let signature = WebhookChannel.signature(of: Data("what do ya want for nothing?".utf8), secret: "Jefe")
        #expect(signature == "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }
}
