import Foundation
import HTTPTypes
import SQLKit
import SkyportApp
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

@Suite struct CheckoutTests {
    @Test func stepTwoShowsPassengersPaymentPriceAndConditions() async throws {
        try await Browser.run { browser in
            let results = try await browser.get(Shop.oneWay.replacingOccurrences(of: "children=0", with: "children=1"))
            let checkout = try await browser.get(try #require(Shop.checkoutLink(results)))
            #expect(checkout.status == .ok)
            #expect(checkout.contains("name=\"passenger_0_given_name\"") && checkout.contains("name=\"passenger_1_birth_date\""))
            #expect(checkout.contains("name=\"email\"") && checkout.contains("name=\"card_number\""))
            #expect(checkout.contains("4242 4242 4242 4242"), "test cards are documented in test mode")
            #expect(checkout.contains("Refundable, $100.00 fee per passenger"))
            #expect(checkout.contains("class=\"total\""))
            let hidden = checkout.hiddenFields(of: "/checkout")
            #expect(hidden["offer_id"] != nil && hidden["idempotency_key"]?.count == 32 && hidden["_csrf"] != nil)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func payingCreatesOneOrderEvenWhenSubmittedTwice(engine: SQLEngine) async throws {
        try await Browser.run(engine: engine) { browser in
            let results = try await browser.get(Shop.oneWay)
            let checkout = try await browser.get(try #require(Shop.checkoutLink(results)))
            let form = Shop.filled(checkout)
            let first = try await browser.post("/checkout", form: form)
            let second = try await browser.post("/checkout", form: form)
            #expect(first.status == .seeOther && second.status == .seeOther)
            #expect(first.location == second.location)
            let orders = try await browser.ordersAndSeatsSold().orders
            #expect(orders == 1)
            let confirmation = try await browser.get(try #require(first.location))
            #expect(confirmation.contains("Thank you! Your booking is confirmed."))
            #expect(confirmation.body.firstMatch(of: /data-pnr>[A-Z0-9]{6}</) != nil)
            #expect(confirmation.body.firstMatch(of: /data-ticket>999\d{10}</) != nil)
            #expect(confirmation.contains("8:00 AM"))
        }
    }

    @Test func errorsAreShownInlineAndEveryValueIsKept() async throws {
        try await Browser.run { browser in
            let results = try await browser.get(Shop.oneWay)
            let checkout = try await browser.get(try #require(Shop.checkoutLink(results)))
            var form = Shop.filled(checkout)
            form["email"] = "not-an-email"
            form["passenger_0_given_name"] = "Ada9"
            form["card_cvc"] = "1"
            let page = try await browser.post("/checkout", form: form)
            #expect(page.status == .unprocessableContent)
            #expect(page.contains("id=\"email-error\"") && page.contains("id=\"passenger_0_given_name-error\"") && page.contains("id=\"card_cvc-error\""))
            #expect(page.contains("value=\"not-an-email\"") && page.contains("value=\"Lovelace\"") && page.contains("value=\"Ada9\""))
            #expect(page.contains("aria-invalid=\"true\""))
            #expect(page.hiddenFields(of: "/checkout")["idempotency_key"] == form["idempotency_key"], "a retry keeps its key")
        }
    }

    @Test func aDeclinedCardIsAnInlineErrorAndTakesNoSeat() async throws {
        try await Browser.run { browser in
            let results = try await browser.get(Shop.oneWay)
            let checkout = try await browser.get(try #require(Shop.checkoutLink(results)))
            let page = try await browser.post("/checkout", form: Shop.filled(checkout, card: "4000000000000002"))
            #expect(page.status.code == 402)
            #expect(page.contains("id=\"card_number-error\">The card was declined."))
            let sold = try await browser.ordersAndSeatsSold().seats
            #expect(sold == 0)
        }
    }

    @Test func aForgedOrTamperedCheckoutChangesNothing() async throws {
        try await Browser.run { browser in
            let results = try await browser.get(Shop.oneWay)
            let checkout = try await browser.get(try #require(Shop.checkoutLink(results)))
            var form = Shop.filled(checkout)
            form["_csrf"] = "nope"
            #expect(try await browser.post("/checkout", form: form).status == .forbidden)
            form = Shop.filled(checkout)
            form["offer_id"] = "off_tampered"
            let tampered = try await browser.post("/checkout", form: form)
            #expect(tampered.status == .conflict || tampered.status == .gone || tampered.status == .unprocessableContent)
            let orders = try await browser.ordersAndSeatsSold().orders
            #expect(orders == 0)
        }
    }

    @Test func aSoldOutFareGetsItsOwnPageWithAWayBack() async throws {
        try await Browser.run { browser in
            let search = "/flights?from=JFK&to=BOS&trip=one_way&depart=\(Shop.day)&adults=1&children=0&infants=0&cabin=business"
            let results = try await browser.get(search)
            let link = try #require(Shop.checkoutLink(results, brand: "business"))
            let checkout = try await browser.get(link)
            try await browser.runtime.database.transaction { sql in
                try await sql.raw("UPDATE flight_cabins SET sold = capacity WHERE cabin = 'business'").run()
            }
            let page = try await browser.post("/checkout", form: Shop.filled(checkout))
            #expect(page.status == .conflict)
            #expect(page.contains("This fare just sold out") && page.contains("href=\"/flights?from=JFK"))
            #expect(try await browser.get(link).status == .conflict, "step 2 of a sold-out fare says so too")
        }
    }

    @Test func anExpiredOfferGetsItsOwnPage() async throws {
        try await Browser.run { browser in
            let results = try await browser.get(Shop.oneWay)
            let checkout = try await browser.get(try #require(Shop.checkoutLink(results)))
            browser.clock.advance(by: 31 * 60)
            let page = try await browser.post("/checkout", form: Shop.filled(checkout))
            #expect(page.status == .gone)
            #expect(page.contains("This price has expired") && page.contains("href=\"/flights?from=JFK"))
        }
    }

    @Test func mixedFareTypesOnARoundTripSendTheCustomerBackWithANotice() async throws {
        try await Browser.run { browser in
            let back = FixtureNetwork.travelDay.adding(days: 3).iso
            let search = "/flights?from=JFK&to=LAX&trip=round_trip&depart=\(Shop.day)&return=\(back)&adults=1&children=0&infants=0&cabin=economy"
            let results = try await browser.get(search)
            let outbound = try #require(results.body.firstMatch(of: /name="out" value="([^"]+~basic)"/)).1
            let inbound = try #require(results.body.firstMatch(of: /name="ret" value="([^"]+~flex)"/)).1
            let query = "from=JFK&to=LAX&trip=round_trip&depart=\(Shop.day)&return=\(back)&adults=1&children=0&infants=0&cabin=economy"
            let mixed = try await browser.get("/checkout?\(query)&out=\(outbound)&ret=\(inbound)")
            #expect(mixed.status == .seeOther && mixed.location?.contains("notice=mixed_fare_brands") == true)
            let same = try await browser.get("/checkout?\(query)&out=\(outbound)&ret=\(inbound.replacingOccurrences(of: "~flex", with: "~basic"))")
            #expect(same.status == .ok && same.contains("Return · LAX → JFK"))
        }
    }
}
