import Foundation
import HTTPTypes
import Loyalty
import SQLKit
import SkyportApp
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

/// My account's miles: joining, the membership number and tier, and a refused claim shown on its field.
@Suite struct LoyaltyPagesTests {
    @Test func aCustomerJoinsFromMyAccountAndSeesTheirNumberTierAndStatement() async throws {
        try await Browser.run { browser in
            _ = try await AccountPagesTests.signUp(browser)
            let before = try await browser.get("/account")
            #expect(before.contains("Join the loyalty programme") && before.contains(#"action="/account/loyalty/enrol""#))
            let joined = try await browser.post("/account/loyalty/enrol", form: before.hiddenFields(of: "/account/loyalty/enrol"))
            #expect(joined.status == .seeOther && joined.location == "/account?notice=enrolled#miles")
            let page = try await browser.get("/account?notice=enrolled")
            let member = try #require(try await browser.runtime.database.read { sql in
                try await sql.raw("SELECT membership_number FROM loyalty_members").first()?.decode(column: "membership_number", as: String.self)
            })
            let number = try #require(MembershipNumber(member))
            #expect(page.contains("Welcome to the programme") && page.contains(number.description) && page.contains("<dd>Blue</dd>"))
            #expect(page.contains("No miles yet") && page.contains("25,000 miles or 30 flights to Silver"))
            // Joining twice changes nothing.
            _ = try await browser.post("/account/loyalty/enrol", form: ["_csrf": try await browser.csrf()])
            #expect(try await browser.runtime.database.read { sql in try await sql.count("SELECT COUNT(*) AS n FROM loyalty_members") } == 1)

            var claim = page.hiddenFields(of: "/account/loyalty/claims")
            claim["ticket_number"] = "9990000000001"
            let refused = try await browser.post("/account/loyalty/claims", form: claim)
            #expect(refused.status == .notFound && refused.contains("No flown trip has this ticket number."))
            claim["ticket_number"] = "12"
            #expect(try await browser.post("/account/loyalty/claims", form: claim).status == .unprocessableContent)
        }
    }

    /// A member with miles pays on the purchase page itself: award seats for the basic fare (the taxes by card), or
    /// miles towards the fare; a wrong amount is shown on its field and nothing is taken.
    @Test func aMemberPaysWithMilesOnThePurchasePage() async throws {
        try await Browser.run { browser in
            _ = try await AccountPagesTests.signUp(browser)
            let account = try await browser.get("/account")
            _ = try await browser.post("/account/loyalty/enrol", form: account.hiddenFields(of: "/account/loyalty/enrol"))
            // The member's earlier flights, as the programme would have credited them.
            try await browser.runtime.database.transaction { sql in
                let id = try #require(try await sql.raw("SELECT id FROM loyalty_members").first()?.decode(column: "id", as: String.self))
                try await sql.raw("UPDATE loyalty_members SET balance = 40000 WHERE id = \(bind: id)").run()
                try await sql.raw("""
                    INSERT INTO loyalty_lots (id, member_id, earned_at, expires_at, miles, remaining, remaining_value, currency)
                    VALUES ('lot_web', \(bind: id), 0, 4102444800, 40000, 40000, 48000, 'USD')
                    """).run()
                // Enough flown this year for Silver, whose extra bag the booking gets.
                try await sql.raw("INSERT INTO loyalty_qualifying (member_id, year, miles, segments) VALUES (\(bind: id), 2026, 26000, 12)").run()
            }
            let results = try await browser.get(Shop.oneWay)
            let checkout = try await browser.get(try #require(Shop.checkoutLink(results, brand: "basic")))
            #expect(checkout.contains("Pay with miles") && checkout.contains("You have 40,000 miles"))
            #expect(checkout.contains("Award seats: 17,500 miles, and $15.40 taxes by card") && checkout.contains(#"name="miles_use" value="award""#))
            // The running total takes off all but the award's cash: 270.18 less 15.40.
            #expect(checkout.contains(#"value="award" data-off="25478""#))

            var form = Shop.filled(checkout)
            form["miles_use"] = "part"
            form["miles_amount"] = "1500"
            let refused = try await browser.post("/checkout", form: form)
            #expect(refused.status == .unprocessableContent && refused.contains(#"id="miles_amount-error""#) && refused.contains("Use miles in steps of 1,000"))

            form["miles_use"] = "award"
            let paid = try await browser.post("/checkout", form: form)
            #expect(paid.status == .seeOther)
            let booking = try await browser.get(try #require(paid.location))
            #expect(booking.contains("Award") && booking.contains("17,500 miles"))
            #expect(booking.contains("Silver member: 1 more checked bag(s) per passenger and flight, included."))
            let balance = try await browser.runtime.database.read { sql in
                try await sql.raw("SELECT balance FROM loyalty_members").first()?.decode(column: "balance", as: Int.self)
            }
            #expect(balance == 22_500)
            let miles = try await browser.get("/account")
            #expect(miles.contains("Award JFK–LAX"))
        }
    }
}
