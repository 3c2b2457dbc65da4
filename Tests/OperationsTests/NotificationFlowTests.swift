import Booking
import Foundation
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing
@testable import Operations

@Suite struct NotificationFlowTests {
    static let flight = "20261201-UA100-JFKLAX"       // 08:00 in New York
    static let later = "20261201-AA200-JFKLAX"        // 17:00, the alternative
    static let scheduled = OperationsFixture.morning + 3 * 3600

    @Test(arguments: TestDatabases.engines)
    func everyBookingIsToldOncePerLevelOnEveryChannel(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let receiver = try await WebhookReceiver()
            try await receiver.start()
            let sink = try await SMTPSink()
            let fixture = try await OperationsFixture(database: database, channels: [
                WebhookChannel(database: database, destinations: .loopback), EmailChannel(client: SMTPClient(relay: .init(url: "smtp://127.0.0.1:\(sink.port)")!), from: "Skyport <ops@fly.example>"),
            ], model: false)
            let (endpoint, secret) = try await fixture.operations.webhooks.create(url: receiver.url, description: "app backend")
            let single = try await fixture.buy(Self.flight)
            let family = try await fixture.buy(Self.flight, passengers: 3, familyName: "Kim")
            let elsewhere = try await fixture.buy(Self.later, familyName: "Hopper")

            // An operator expects 200 minutes: the severe level, for the two bookings on the flight.
            let disruption = try #require(try await fixture.disruptions.declareDelay(flightID: Self.flight, estimatedDeparture: Self.scheduled + 200 * 60, by: "ops"))
            #expect(try await OperationsFixture.notifications(database).map(\.order).sorted() == [single, family].sorted())
            try await fixture.operations.worker.drain()

            let inbox = try await fixture.operations.notifications.inbox(orderID: family)
            #expect(inbox.count == 1)
            let message = try #require(inbox.first)
            #expect(message.level == "severe_delay" && message.passengers == 3)
            #expect(message.subject == "Delay expected: UA 100 JFK-LAX now about 11:20 (\(message.content?.reference ?? ""))")
            #expect(message.body?.contains("about 3 h 20 min late") == true)
            #expect(message.body?.contains("have your money back in full") == true)  // 200 minutes is past the 3-hour line
            let content = try #require(message.content)
            // The same afternoon's flight first, then the next morning's; the seats are held for this booking.
            #expect(content.alternatives.map(\.flightID) == [Self.later, "20261202-UA100-JFKLAX"] && content.refundEligible)
            #expect(Set(message.deliveries.map(\.channel)) == ["inbox", "email", "webhook"])
            #expect(message.deliveries.allSatisfy { $0.status == "delivered" })

            // Webhooks are signed over the body with the endpoint's secret.
            #expect(receiver.requests.count == 2)
            for request in receiver.requests {
                #expect(request.headers["x-skyport-signature"] == WebhookChannel.signature(of: request.body, secret: secret))
                #expect(request.headers["x-skyport-event"] == "order.disruption_notified")
                let event = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: Any])
                #expect((event["data"] as? [String: Any])?["level"] as? String == "severe_delay")
            }
            #expect(receiver.requests.allSatisfy { $0.headers["x-skyport-signature"] != WebhookChannel.signature(of: $0.body, secret: secret + "x") })
            // Email went to the contact, UTF-8 base64 with an encoded subject.
            #expect(sink.received.count == 2 && sink.received.allSatisfy { $0.to == ["<ada@example.com>"] && $0.from == "<ops@fly.example>" })
            #expect(sink.received.first?.data.contains("Subject: =?UTF-8?B?") == true)

            // The same level again, and a level below it, tell nobody anything new.
            fixture.clock.advance(by: 60)
            _ = try await fixture.disruptions.declareDelay(flightID: Self.flight, estimatedDeparture: Self.scheduled + 210 * 60, by: "ops")
            _ = try await fixture.disruptions.declareDelay(flightID: Self.flight, estimatedDeparture: Self.scheduled + 100 * 60, by: "ops")
            _ = try await fixture.disruptions.declareDelay(flightID: Self.flight, estimatedDeparture: Self.scheduled + 220 * 60, by: "ops")
            try await fixture.operations.worker.drain()
            #expect(try await OperationsFixture.notifications(database).count == 2)
            // A cancellation is a new level: one more message per booking, in Korean for a Korean booking.
            try await database.transaction { sql in try await sql.raw("UPDATE orders SET language = 'ko' WHERE id = \(bind: family)").run() }
            fixture.clock.advance(by: 60)
            _ = try await fixture.disruptions.declareCancellation(flightID: Self.flight, by: "ops")
            try await fixture.operations.worker.drain()
            let all = try await OperationsFixture.notifications(database)
            #expect(all.count == 4 && Set(all.map { "\($0.order)/\($0.level)" }).count == 4)
            let korean = try #require(try await fixture.operations.notifications.inbox(orderID: family).first)
            #expect(korean.level == "cancelled" && korean.subject?.hasPrefix("결항 안내: UA 100 JFK-LAX") == true)
            #expect(korean.body?.contains("전액 환불") == true)
            // The holds of the first message are reused: still one alternative, not two sets of seats.
            #expect(korean.content?.alternatives.map(\.id) == content.alternatives.map(\.id))
            #expect(receiver.requests.count == 4 && sink.received.count == 4)
            #expect(try await fixture.ledger().values.allSatisfy { $0.sold == $0.accounted && $0.sold <= $0.capacity })

            // One click moves the single passenger; the family takes its money back.
            let singleOptions = try await fixture.operations.rebooking.options(orderID: single)
            let taken = try #require(singleOptions.first?.alternatives.first)
            #expect(taken.flightID == Self.later && singleOptions.first?.refundEligible == true)
            let moved = try await fixture.operations.rebooking.accept(orderID: single, alternativeID: taken.id, actor: "passenger")
            #expect(moved.toFlightID == Self.later && moved.tickets.count == 1 && moved.tickets[0].oldTicketNumber != moved.tickets[0].newTicketNumber)
            // Another booking cannot take those seats, and the same seats cannot be taken twice.
            await #expect(throws: ServiceError(.notFound, code: "alternative_not_found", message: "This booking has no such alternative.", field: "alternative_id")) {
                try await fixture.operations.rebooking.accept(orderID: family, alternativeID: taken.id, actor: "passenger")
            }
            await #expect(throws: ServiceError.self) { try await fixture.operations.rebooking.accept(orderID: single, alternativeID: taken.id, actor: "passenger") }
            let refund = try await fixture.operations.rebooking.refund(orderID: family, actor: "passenger")
            #expect(refund.status == "confirmed")
            await #expect(throws: ServiceError.self) { try await fixture.operations.rebooking.refund(orderID: elsewhere, actor: "passenger") }
            #expect(try await fixture.ledger().values.allSatisfy { $0.sold == $0.accounted && $0.sold <= $0.capacity })
            let topics = try await database.read { sql in
                try await sql.raw("SELECT topic FROM outbox_events WHERE aggregate_id IN (\(binds: [single, family])) ORDER BY id").all()
                    .map { try $0.decode(column: "topic", as: String.self) }
            }
            #expect(topics.contains("order.changed") && topics.contains("order.cancelled"))

            let impact = try #require(try await fixture.disruptions.impact(of: disruption.id))
            #expect(impact.passengers == 4 && impact.passengersTold == 4 && impact.passengersRebooked == 1 && impact.passengersRefunded == 3)
            #expect(impact.bookings.first { $0.orderID == single }?.told.map(\.level) == ["severe_delay", "cancelled"])
            #expect(impact.exposure.refundEligible && !impact.exposure.eu261Applies && impact.exposure.refundEligiblePassengers == 0)
            _ = endpoint
            try await receiver.stop()
            try await sink.close()
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aBookingMadeOnADisruptedFlightIsToldOnceToo(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let fixture = try await OperationsFixture(database: database, model: false)
            let early = try await fixture.buy(Self.flight)
            _ = try await fixture.disruptions.declareDelay(flightID: Self.flight, estimatedDeparture: Self.scheduled + 100 * 60, by: "ops")
            try await fixture.operations.worker.drain()
            // Booked once the delay was known: told at the level it has now, with seats held like everyone else.
            let late = try await fixture.buy(Self.flight, familyName: "Hopper")
            try await fixture.operations.worker.drain()
            try await fixture.operations.worker.drain()
            #expect(try await OperationsFixture.notifications(database).map { "\($0.order)/\($0.level)" }.sorted() == ["\(early)/major_delay", "\(late)/major_delay"].sorted())
            let message = try #require(try await fixture.operations.notifications.inbox(orderID: late).first)
            #expect(message.deliveries.map(\.channel) == ["inbox"] && message.content?.alternatives.isEmpty == false)
            // The next level tells both once more.
            _ = try await fixture.disruptions.declareDelay(flightID: Self.flight, estimatedDeparture: Self.scheduled + 200 * 60, by: "ops")
            try await fixture.operations.worker.drain()
            #expect(try await OperationsFixture.notifications(database).count == 4)
        }
    }
}
