import Booking
import Foundation
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

@Suite struct ShoppingTests {
    @Test func oneWaySearchPricesEveryBrandOfEveryFlight() async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let result = try await fixture.shopping.search(BookingFixture.search(passengers: ["adult", "child", "infant_without_seat"]))
            #expect(result.offers.count == 2 * 3)  // UA100 and AA200, three economy brands each
            let first = try #require(result.offers.first)
            #expect(first.slices[0].segments[0].flightNumber == "UA100")
            #expect(first.slices[0].segments[0].departingAtLocal == "2026-12-08T08:00:00-05:00")
            #expect(first.slices[0].segments[0].arrivingAtLocal == "2026-12-08T11:20:00-08:00")
            #expect(first.slices[0].duration == "PT6H20M")
            #expect(first.fareBrand == "basic")
            #expect(first.slices[0].segments[0].bookingClass == "V")
            #expect(first.passengers.map(\.type) == ["adult", "child", "infant_without_seat"])
            #expect(first.totalAmount == "502.14")  // adult 270.18 + child 206.48 + infant 25.48 (see FareTests)
            #expect(first.expiresAt == "2026-12-01T12:30:00Z")
            #expect(first.availableSeats == nil)
            #expect(fixture.tokens.decode(first.id)?.segments.first?.flightID == "20261208-UA100-JFKLAX")
        }
    }

    @Test func roundTripsCombineBothDirectionsInOneBrand() async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let input = OfferRequestInput(slices: [.init(origin: "JFK", destination: "LAX", departureDate: "2026-12-08"),
                                                   .init(origin: "LAX", destination: "JFK", departureDate: "2026-12-12")],
                                          passengers: [.init(type: "adult")], cabinClass: "economy")
            let result = try await fixture.shopping.search(input)
            #expect(result.offers.count == 2 * 2 * 3)
            #expect(result.offers.allSatisfy { $0.slices.count == 2 && $0.slices[1].origin == "LAX" })
            let totals = result.offers.map { Double($0.totalAmount)! }
            #expect(totals == totals.sorted())
        }
    }

    @Test func theCheapestClassesCloseAsTheFlightFills() async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            // 184 economy seats: V closes at 45% (82 seats), Q at 60% (110).
            try await database.transaction { sql in
                try await sql.raw("UPDATE flight_cabins SET sold = 82 WHERE flight_id = '20261208-UA100-JFKLAX' AND cabin = 'economy'").run()
            }
            var offers = try await fixture.shopping.search(BookingFixture.search()).offers
            #expect(offers.first { $0.fareBrand == "basic" }?.slices[0].segments[0].bookingClass == "Q")
            try await database.transaction { sql in
                try await sql.raw("UPDATE flight_cabins SET sold = 180 WHERE flight_id = '20261208-UA100-JFKLAX' AND cabin = 'economy'").run()
            }
            // Written behind the booking engine's back (no inventory version moved): a new service, with an empty cache, sees it.
            offers = try await BookingFixture(database: database).shopping.search(BookingFixture.search()).offers
                .filter { $0.slices[0].segments[0].flightNumber == "UA100" }
            #expect(offers.map(\.fareBrand) == ["flex"])
            #expect(offers.first?.slices[0].segments[0].bookingClass == "Y")
            #expect(offers.first?.availableSeats == 4)
        }
    }

    @Test(arguments: [
        (FixtureSearch(origin: "XXX"), ["unknown_airport"]),
        (FixtureSearch(origin: "JF"), ["invalid_airport_code"]),
        (FixtureSearch(destination: "JFK"), ["same_origin_and_destination"]),
        (FixtureSearch(date: "2026-11-30"), ["departure_date_in_past"]),
        (FixtureSearch(date: "2027-01-30"), ["departure_date_beyond_schedule"]),
        (FixtureSearch(date: "08/12/2026"), ["invalid_date"]),
        (FixtureSearch(passengers: []), ["no_passengers"]),
        (FixtureSearch(passengers: Array(repeating: "adult", count: 10)), ["too_many_passengers"]),
        (FixtureSearch(passengers: ["adult", "infant_without_seat", "infant_without_seat"]), ["too_many_infants"]),
        (FixtureSearch(passengers: ["senior"]), ["invalid_passenger_type"]),
        (FixtureSearch(cabin: "first"), ["invalid_cabin_class"]),
    ])
    func invalidSearchesAreRefusedPrecisely(search: FixtureSearch, codes: [ServiceError.Code]) async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let input = OfferRequestInput(slices: [.init(origin: search.origin, destination: search.destination, departureDate: search.date)],
                                          passengers: search.passengers.map { .init(type: $0) }, cabinClass: search.cabin)
            do {
                _ = try await fixture.shopping.search(input)
                Issue.record("expected a validation failure")
            } catch let failure as ValidationFailure {
                #expect(failure.issues.map(\.code) == codes)
            }
        }
    }

    @Test func offerIDsCannotBeForged() throws {
        let tokens = OfferToken(signer: Signer(secret: BookingFixture.secret))
        let claims = OfferClaims(offerRequestID: "orq_1", expiresAt: 10, cabin: .economy, brand: .flex, passengers: [.adult],
                                 segments: [.init(flightID: "F", bookingClass: "Y")], totalMinorUnits: 100, currency: "USD")
        let id = tokens.encode(claims)
        #expect(tokens.decode(id) == claims)
        let other = OfferToken(signer: Signer(secret: "another-secret-another-secret-0123456789"))
        #expect(other.decode(id) == nil)
        var tampered = Array(id)
        tampered[10] = tampered[10] == "A" ? "B" : "A"
        #expect(tokens.decode(String(tampered)) == nil)
        #expect(tokens.decode("off_nonsense") == nil)
    }
}

/// A search with one field changed from a valid one.
struct FixtureSearch: Sendable, CustomTestStringConvertible {
    var origin = "JFK"
    var destination = "LAX"
    var date = "2026-12-08"
    var passengers = ["adult"]
    var cabin = "economy"

    var testDescription: String { "\(origin)-\(destination) \(date) \(passengers.joined(separator: ",")) \(cabin)" }
}
