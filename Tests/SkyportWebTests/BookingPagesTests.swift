import Foundation
import HTTPTypes
import SQLKit
import SkyportApp
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

@Suite struct BookingPagesTests {
    @Test func onlyTheBrowserThatBoughtOrLookedUpABookingOpensIt() async throws {
        try await Browser.run { browser in
            let path = try await Shop.buy(browser)
            let bookingPath = String(path.prefix { $0 != "?" })
            #expect(try await browser.get(bookingPath).status == .ok)
            let stranger = browser.stranger()
            #expect(try await stranger.get(bookingPath).status == .notFound)
            #expect(try await stranger.get(bookingPath + "/calendar.ics").status == .notFound)
        }
    }

    @Test func offersACalendarFileAndAPrintableReceipt() async throws {
        try await Browser.run { browser in
            let bookingPath = String(try await Shop.buy(browser).prefix { $0 != "?" })
            let calendar = try await browser.get(bookingPath + "/calendar.ics")
            #expect(calendar.headers[.contentType] == "text/calendar; charset=utf-8")
            #expect(calendar.body.hasPrefix("BEGIN:VCALENDAR\r\n") && calendar.contains("BEGIN:VEVENT"))
            #expect(calendar.contains("DTSTART:20261208T130000Z"), "08:00 in New York is 13:00 UTC in December")
            #expect(calendar.contains("SUMMARY:UA100 JFK-LAX"))
            let receipt = try await browser.get(bookingPath + "/receipt")
            #expect(receipt.status == .ok && receipt.contains("Receipt") && receipt.contains("visa •••• 4242"))
        }
    }

    @Test func findsABookingByReferenceAndFamilyNameAndLimitsGuessing() async throws {
        try await Browser.run { browser in
            let buyer = try await Shop.buy(browser)
            let page = try await browser.get(buyer)
            let reference = String(try #require(page.body.firstMatch(of: /data-pnr>([A-Z0-9]{6})</)).1)
            let other = browser.stranger()
            let token = try await other.csrf()
            let wrong = try await other.post("/manage", form: ["_csrf": token, "booking_reference": reference, "family_name": "Babbage"])
            #expect(wrong.status == .notFound && wrong.contains("No booking matches"))
            #expect(wrong.contains("value=\"\(reference)\""))
            let malformed = try await other.post("/manage", form: ["_csrf": token, "booking_reference": "12", "family_name": ""])
            #expect(malformed.status == .unprocessableContent && malformed.contains("id=\"booking_reference-error\"") && malformed.contains("id=\"family_name-error\""))
            let found = try await other.post("/manage", form: ["_csrf": token, "booking_reference": reference.lowercased(), "family_name": "lovelace"])
            #expect(found.status == .seeOther)
            #expect(try await other.get(try #require(found.location)).contains(reference))
            for _ in 0..<20 {
                _ = try await other.post("/manage", form: ["_csrf": token, "booking_reference": "ZZZZZZ", "family_name": "Nobody"])
            }
            let limited = try await other.post("/manage", form: ["_csrf": token, "booking_reference": reference, "family_name": "Lovelace"])
            #expect(limited.status == .tooManyRequests)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func cancelsWithAQuoteThenAConfirmStep(engine: SQLEngine) async throws {
        try await Browser.run(engine: engine) { browser in
            let bookingPath = String(try await Shop.buy(browser).prefix { $0 != "?" })
            let quote = try await browser.get(bookingPath + "/cancel")
            #expect(quote.status == .ok)
            #expect(quote.body.firstMatch(of: /data-refund>\$[0-9,]+\.\d\d</) != nil)
            let form = quote.hiddenFields(of: bookingPath + "/cancel")
            let confirmed = try await browser.post(bookingPath + "/cancel", form: form)
            #expect(confirmed.status == .seeOther && confirmed.location == bookingPath + "?cancelled=1")
            let page = try await browser.get(try #require(confirmed.location))
            #expect(page.contains("Your booking is cancelled") && page.contains("class=\"status cancelled\""))
            #expect(page.contains("Refund"))
            #expect(!page.contains("/cancel\""), "a cancelled booking offers no second cancellation")
            let sold = try await browser.ordersAndSeatsSold().seats
            #expect(sold == 0)
        }
    }
}
