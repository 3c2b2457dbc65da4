import Foundation
import SQLKit
import SkyportApp
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

/// The site as the customer data platform's first source: what each page reports from the browser,
/// and what its server reports on sign-in.
@Suite struct AnalyticsTests {
    static func attribute(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: " \(name)=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    /// The properties of the first `data-track="event"` element.
    static func tracked(_ event: String, in html: String) throws -> [String: Any] {
        let marker = try #require(html.range(of: "data-track=\"\(event)\" data-properties=\""))
        let escaped = String(html[marker.upperBound...].prefix { $0 != "\"" })
        return try #require(try JSONSerialization.jsonObject(with: Data(Browser.unescape(escaped).utf8)) as? [String: Any])
    }

    @Test func everyPageCarriesTheWriteKeyAnonymousIdAndItsEvents() async throws {
        try await Browser.run { browser in
            let home = try await browser.get("/")
            let key = try #require(Self.attribute("data-write-key", in: home.body))
            #expect(key.hasPrefix("wk_"))
            let anonymous = try #require(Self.attribute("data-anonymous-id", in: home.body))
            // Derived from the browser cookie (the anti-forgery key), never the cookie itself.
            #expect(anonymous.hasPrefix("anon_") && !home.body.contains("sp_bid"))
            #expect(home.contains("data-consent hidden"))
            #expect(try await browser.get("/").body.contains("data-anonymous-id=\"\(anonymous)\""))  // stable per browser

            let results = try await browser.get(Shop.oneWay)
            let searched = try Self.tracked("Products Searched", in: results.body)
            #expect(searched["origin"] as? String == "JFK" && searched["destination"] as? String == "LAX")
            #expect(searched["departure_date"] as? String == FixtureNetwork.travelDay.iso)
            #expect(results.contains("data-track-click=\"Product Viewed\""))

            let checkout = try await browser.get(try #require(Shop.checkoutLink(results)))
            let started = try Self.tracked("Checkout Started", in: checkout.body)
            #expect((started["products"] as? [[String: Any]])?.first?["destination"] as? String == "LAX")

            let paid = try await browser.post("/checkout", form: Shop.filled(checkout))
            let booking = try await browser.get(try #require(paid.location))
            let completed = try Self.tracked("Order Completed", in: booking.body)
            let reference = try #require(completed["order_id"] as? String)
            #expect(booking.contains(reference) && completed["currency"] as? String == "USD")
            #expect(booking.body.contains("data-message-id=\"web-order-completed-"))
            // Reopening the booking later does not report the order again.
            #expect(!(try await browser.get(try #require(paid.location).replacingOccurrences(of: "?new=1", with: ""))).contains("Order Completed"))

            // The write key on the page is a working key of the browser source.
            #expect(try await browser.runtime.database.read { sql in
                try await sql.raw("SELECT public_write_key FROM cdp_sources WHERE id = 'src_web'").first()?.decode(column: "public_write_key", as: String?.self)
            } == key)
        }
    }

    @Test func signingUpLinksTheBrowserToTheCustomerServerSide() async throws {
        try await Browser.run { browser in
            let home = try await browser.get("/")
            let anonymous = try #require(Self.attribute("data-anonymous-id", in: home.body))
            _ = try await AccountPagesTests.signUp(browser)
            let account = try await browser.get("/")
            let userID = try #require(Self.attribute("data-user-id", in: account.body))
            let rows = try await browser.runtime.database.read { sql in
                try await sql.raw("SELECT type, user_id, anonymous_id, source_id, payload FROM cdp_events").all()
            }
            #expect(rows.count == 1)
            let row = try #require(rows.first)
            #expect(try row.decode(column: "type", as: String.self) == "identify")
            #expect(try row.decode(column: "user_id", as: String?.self) == userID)
            #expect(try row.decode(column: "anonymous_id", as: String?.self) == anonymous)
            #expect(try row.decode(column: "source_id", as: String.self) == "src_web_server")
            #expect(try row.decode(column: "payload", as: String.self).contains("ada@example.com"))
        }
    }
}
