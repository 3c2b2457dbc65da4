import Foundation
import HTTPTypes
import SQLKit
import SkyportApp
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

@Suite struct SearchPagesTests {
    @Test func listsFlightsWithLocalTimesFaresAndNearbyDates() async throws {
        try await Browser.run { browser in
            let page = try await browser.get(Shop.oneWay)
            #expect(page.status == .ok)
            #expect(page.contains("UA100") && page.contains("AA200"))
            #expect(page.contains("8:00 AM"), "UA100 leaves JFK at 08:00 local")
            #expect(page.contains("5h 20m") || page.contains("6h 20m"))
            #expect(page.contains("Basic") && page.contains("Standard") && page.contains("Flex"))
            #expect(page.body.matches(of: /class="day"/).count == 7)
            #expect(page.contains("aria-current=\"date\""))
            #expect(page.contains("sort=departure") && page.contains("sort=duration"))
            #expect(Shop.checkoutLink(page) != nil, "one-way fares link straight to step 2")
        }
    }

    @Test func theFareCalendarShowsThirtyDaysEachOpeningItsFlights() async throws {
        try await Browser.run { browser in
            let results = try await browser.get(Shop.oneWay)
            let link = try #require(results.body.firstMatch(of: /href="(\/flights\/calendar\?[^"]+)"/)).1
            let page = try await browser.get(String(link).replacingOccurrences(of: "&amp;", with: "&"))
            #expect(page.status == .ok)
            #expect(page.body.matches(of: /class="day"/).count == 30)
            // The searched day is marked and priced; every day opens step 1 on its own date.
            let current = try #require(page.body.firstMatch(of: /aria-current="date"[^>]*><span class="day">[^<]+<\/span><span class="low">([^<]+)</))
            #expect(current.1.contains("$"))
            #expect(page.contains("depart=\(Shop.day)") && page.contains("depart=\(FixtureNetwork.travelDay.adding(days: 29).iso)"))
            #expect(page.contains("Back to flights"))
            let invalid = try await browser.get("/flights/calendar?from=Atlantis&to=LAX&depart=\(Shop.day)&adults=1")
            #expect(invalid.status == .unprocessableContent && invalid.contains("id=\"from-error\""))
        }
    }

    @Test func sortsByDepartureAndDuration() async throws {
        try await Browser.run { browser in
            let byDeparture = try await browser.get(Shop.oneWay + "&sort=departure")
            let ua = try #require(byDeparture.body.range(of: "UA100")), aa = try #require(byDeparture.body.range(of: "AA200"))
            #expect(ua.lowerBound < aa.lowerBound)
            #expect(byDeparture.contains("sort=departure\" aria-current=\"true\""))
        }
    }

    @Test func showsFewSeatsLeftOnASmallCabin() async throws {
        try await Browser.run { browser in
            let page = try await browser.get("/flights?from=JFK&to=BOS&depart=\(Shop.day)&adults=1&cabin=business")
            #expect(page.status == .ok)
            #expect(page.contains("left at this price"))
        }
    }

    @Test func roundTripListsBothDirectionsInOneForm() async throws {
        try await Browser.run { browser in
            let back = FixtureNetwork.travelDay.adding(days: 3).iso
            let page = try await browser.get("/flights?from=JFK&to=LAX&trip=round_trip&depart=\(Shop.day)&return=\(back)&adults=1&cabin=economy")
            #expect(page.status == .ok)
            #expect(page.contains("Outbound: JFK → LAX") && page.contains("Return: LAX → JFK"))
            #expect(page.contains("name=\"out\"") && page.contains("name=\"ret\""))
            #expect(page.contains("action=\"/checkout\""))
        }
    }

    @Test func invalidSearchesShowTheirErrorsNextToTheFields() async throws {
        try await Browser.run { browser in
            let page = try await browser.get("/flights?from=Atlantis&to=LAX&depart=\(Shop.day)&adults=1")
            #expect(page.status == .unprocessableContent)
            #expect(page.contains("id=\"from-error\""))
            #expect(page.contains("value=\"Atlantis\""), "what was typed is kept")
            let past = try await browser.get("/flights?from=JFK&to=LAX&depart=2020-01-01&adults=1")
            #expect(past.contains("id=\"depart-error\">This date is in the past."))
            let same = try await browser.get("/flights?from=JFK&to=JFK&depart=\(Shop.day)&adults=1")
            #expect(same.contains("id=\"to-error\""))
            let infants = try await browser.get("/flights?from=JFK&to=LAX&depart=\(Shop.day)&adults=1&infants=2")
            #expect(infants.contains("id=\"passengers-error\""))
        }
    }

    @Test func resolvesCityNamesAndSaysWhenOneIsAmbiguous() async throws {
        try await Browser.run { browser in
            let page = try await browser.get("/flights?from=kennedy&to=los+angeles&depart=\(Shop.day)&adults=1")
            #expect(page.status == .ok && page.contains("JFK → LAX"))
        }
    }
}
