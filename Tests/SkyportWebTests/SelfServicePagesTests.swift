import Foundation
import HTTPTypes
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

@Suite struct SelfServicePagesTests {
    static let card = ["card_number": "4242424242424242", "card_expiry_month": "12", "card_expiry_year": "2030", "card_cvc": "123", "card_holder": "Ada Lovelace"]

    @Test(arguments: TestDatabases.engines)
    func aPassengerBuysASeatAndABagChangesFlightChecksInAndGetsTheirPass(engine: SQLEngine) async throws {
        try await Browser.run(engine: engine) { browser in
            // Step 2 carries the seat lists and bags: still two steps.
            let results = try await browser.get(Shop.oneWay)
            let checkout = try await browser.get(try #require(Shop.checkoutLink(results)))
            #expect(checkout.contains("name=\"seat_0_0\"") && checkout.contains("name=\"bags_0_0\"") && checkout.contains("class=\"seat-figure\""))
            var form = Shop.filled(checkout)
            form["seat_0_0"] = "5A"
            form["bags_0_0"] = "1"
            let paid = try await browser.post("/checkout", form: form)
            let bookingPath = String(try #require(paid.location).prefix { $0 != "?" })
            var booking = try await browser.get(bookingPath)
            #expect(booking.contains("data-seat>5A<") && booking.contains("Checked bag") && booking.contains("Seat 5A"))
            #expect(booking.contains("data-change") && booking.contains("data-extras") && !booking.contains("data-check-in"))

            // Later: a standard seat instead, which costs nothing, so no card is needed.
            let extras = try await browser.get(bookingPath + "/extras")
            #expect(extras.status == .ok && extras.contains("Keep seat 5A"))
            var moved = extras.hiddenFields(of: bookingPath + "/extras")
            moved["seat_0_0"] = "30F"
            let saved = try await browser.post(bookingPath + "/extras", form: moved)
            #expect(saved.status == .seeOther)
            booking = try await browser.get(try #require(saved.location))
            #expect(booking.contains("data-seat>30F<") && booking.contains("Your seats and bags are saved."))
            // A taken seat is an inline error on its list.
            var taken = try await browser.get(bookingPath + "/extras").hiddenFields(of: bookingPath + "/extras")
            taken["seat_0_0"] = "99Z"
            let refused = try await browser.post(bookingPath + "/extras", form: taken)
            #expect(refused.status == .notFound && refused.contains("id=\"seat_0_0-error\""))

            // A change to the next day: offers with their price, then one submit with the card.
            let flightID = "20261208-UA100-JFKLAX"
            let offers = try await browser.get(bookingPath + "/change?flight=\(flightID)&date=2026-12-09")
            let offer = String(try #require(offers.body.firstMatch(of: /name="offer" value="([^"]+)"/)).1)
            var change = Self.postedFields(offers)
            change.merge(Self.card) { _, new in new }
            change["offer"] = offer
            let changed = try await browser.post(bookingPath + "/change", form: change)
            #expect(changed.status == .seeOther)
            booking = try await browser.get(try #require(changed.location))
            #expect(booking.contains("Your flight is changed.") && booking.contains("Wed, Dec 9, 2026"))
            // The standard seat moved with the passenger to a standard seat on the new flight.
            let seat = String(try #require(booking.body.firstMatch(of: /data-seat>([0-9]+[A-K])</)).1)

            // The day before: check in, then the boarding pass with its codes and downloads.
            browser.clock.advance(by: 7 * 86_400 + 3 * 3600)
            booking = try await browser.get(bookingPath)
            #expect(booking.contains("data-check-in"))
            let checkIn = try await browser.get(bookingPath + "/check-in")
            let passengerID = String(try #require(checkIn.body.firstMatch(of: /name="passenger_(pas_[A-Za-z0-9]+)"/)).1)
            var fields = checkIn.hiddenFields(of: bookingPath + "/check-in")
            fields["passenger_\(passengerID)"] = "on"
            let done = try await browser.post(bookingPath + "/check-in", form: fields)
            #expect(done.location == bookingPath + "/boarding-passes")
            let passes = try await browser.get(bookingPath + "/boarding-passes")
            let bcbp = Browser.unescape(String(try #require(passes.body.firstMatch(of: /data-bcbp>([^<]+)</)).1))
            let pass = try BarcodedBoardingPass.parse(bcbp)
            #expect(pass.passengerName == "LOVELACE/ADA" && pass.legs.first?.seat == BoardingPassIssue.passSeat(seat))
            let files = String(try #require(passes.body.firstMatch(of: /href="([^"]+)\/pass\.pdf"/)).1)
            let svg = try await browser.get(files + "/qr.svg")
            #expect(svg.headers[.contentType] == "image/svg+xml" && svg.body.hasPrefix("<svg"))
            let pdf = try await browser.get(files + "/pass.pdf")
            #expect(pdf.headers[.contentType] == "application/pdf" && pdf.body.hasPrefix("%PDF-1.4"))
            #expect(try await browser.get(files + "/pass.png").headers[.contentType] == "image/png")
            #expect(try await browser.stranger().get(files + "/pass.pdf").status == .notFound)
        }
    }

    /// The hidden fields of the page's POST form (the change page's first form, with the same action, is a GET).
    static func postedFields(_ page: Browser.Page) -> [String: String] {
        guard let start = page.body.range(of: "method=\"post\"") else { return [:] }
        let form = page.body[start.upperBound...].prefix { _ in true }
        let end = form.range(of: "</form>")?.lowerBound ?? form.endIndex
        var fields: [String: String] = [:]
        for match in form[..<end].matches(of: /<input type="hidden" name="([^"]+)" value="([^"]*)">/) {
            fields[String(match.1)] = Browser.unescape(String(match.2))
        }
        return fields
    }

    @Test func theFlightStatusPageShowsTimesAndSaysWhatIsWrong() async throws {
        try await Browser.run { browser in
            let page = try await browser.get("/flights/status?number=ua100&date=2026-12-08")
            #expect(page.status == .ok && page.contains("data-status>On schedule<") && page.contains("UA100 · JFK → LAX"))
            #expect(try await browser.get("/flights/status?number=U1&date=2026-12-08").status == .unprocessableContent)
            #expect(try await browser.get("/flights/status?number=UA999&date=2026-12-08").status == .notFound)
            #expect(try await browser.get("/flights/status").status == .ok)
        }
    }
}
