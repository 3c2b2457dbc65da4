import Booking
import Foundation
import HTTPTypes
import Operations
import SQLKit
import SkyportApp
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

/// A disrupted booking on the site: the banner with the held alternatives, one-click rebooking, the refund
/// the rules allow, and the messages of the booking and of the account.
@Suite struct DisruptionPagesTests {
    static let flight = "20261208-UA100-JFKLAX"

    @Test(arguments: TestDatabases.engines)
    func aPassengerMovesToAHeldFlightWithOneClick(engine: SQLEngine) async throws {
        try await Browser.run(engine: engine) { browser in
            let bookingPath = String(try await Shop.buy(browser).prefix { $0 != "?" })
            let orderID = String(bookingPath.dropFirst("/bookings/".count))
            let quiet = try await browser.get(bookingPath)
            #expect(!quiet.contains("data-disruption") && quiet.contains("No messages about this booking."))

            _ = try await browser.runtime.operations.disruptions.declareCancellation(flightID: Self.flight, by: "ops")
            try await browser.runtime.operations.worker.drain()
            let page = try await browser.get(bookingPath)
            #expect(page.contains("Flight UA100 is cancelled."))
            #expect(page.contains("Move to AA 200, 2026-12-08 17:00"))
            #expect(page.contains("Cancel and have my money back in full"))
            #expect(page.contains("Cancelled: UA 100 JFK-LAX on 2026-12-08"))  // the message, in the booking's messages
            let form = page.hiddenFields(of: "\(bookingPath)/rebook")
            #expect(form["alternative_id"]?.hasPrefix("hld_") == true)

            let moved = try await browser.post("\(bookingPath)/rebook", form: form)
            #expect(moved.status == .seeOther && moved.location == "\(bookingPath)?notice=rebooked")
            let after = try await browser.get(moved.location!)
            #expect(after.contains("your booking is on the new flight") && !after.contains("data-disruption"))
            let segment = try await browser.runtime.database.read { sql in
                try await sql.raw("SELECT flight_id FROM order_segments WHERE order_id = \(bind: orderID)").first()!.decode(column: "flight_id", as: String.self)
            }
            #expect(segment == "20261208-AA200-JFKLAX")
            // The same click again changes nothing and says why.
            let again = try await browser.post("\(bookingPath)/rebook", form: form)
            #expect(again.location == "\(bookingPath)?notice=already_rebooked" || again.location == "\(bookingPath)?notice=alternative_no_longer_held")
            // A stranger cannot move someone else's booking.
            let stranger = browser.stranger()
            var forged = form
            forged["_csrf"] = try await stranger.csrf()
            #expect(try await stranger.post("\(bookingPath)/rebook", form: forged).status == .notFound)
        }
    }

    @Test func theRefundTheRulesAllowIsOneClickAndTheAccountShowsTheMessages() async throws {
        try await Browser.run { browser in
            _ = try await AccountPagesTests.signUp(browser, email: "kim@example.com", given: "Min", family: "Kim")
            _ = try await browser.get("/language/ko?next=/")
            let bookingPath = String(try await Shop.buy(browser, family: "Kim").prefix { $0 != "?" })
            _ = try await browser.runtime.operations.disruptions.declareDelay(
                flightID: Self.flight, estimatedDeparture: Int64(FixtureNetwork.travelDay.daysSinceEpoch) * 86_400 + 13 * 3600 + 240 * 60, by: "ops")
            try await browser.runtime.operations.worker.drain()

            let account = try await browser.get("/account")
            #expect(account.contains("지연 예상: UA 100 JFK-LAX"))  // bought on the Korean site: the message is in Korean
            let page = try await browser.get(bookingPath)
            #expect(page.contains("UA100편이 약 240분 지연 출발할 것으로 예상됩니다."))
            let refund = try await browser.post("\(bookingPath)/disruption-refund", form: page.hiddenFields(of: "\(bookingPath)/disruption-refund"))
            #expect(refund.location == "\(bookingPath)?cancelled=1")
            let status = try await browser.runtime.database.read { sql in
                try await sql.raw("SELECT status FROM orders").first()!.decode(column: "status", as: String.self)
            }
            #expect(status == "cancelled")
        }
    }

    @Test func seatsWhoseHoldRanOutAreNotCalledFull() async throws {
        try await Browser.run { browser in
            let bookingPath = String(try await Shop.buy(browser).prefix { $0 != "?" })
            _ = try await browser.runtime.operations.disruptions.declareCancellation(flightID: Self.flight, by: "ops")
            try await browser.runtime.operations.worker.drain()
            #expect(try await browser.get(bookingPath).contains("Move to AA 200"))
            browser.clock.advance(by: 121 * 60)
            #expect(try await browser.runtime.services.changes.releaseExpiredHolds() > 0)
            let page = try await browser.get(bookingPath)
            #expect(page.contains("The seats we held for you on later flights were released") && !page.contains("Later flights are full"))
            #expect(!page.contains("Move to AA 200") && page.contains("Cancel and have my money back in full"))
        }
    }
}
