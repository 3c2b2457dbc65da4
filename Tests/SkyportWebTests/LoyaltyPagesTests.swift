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
}
