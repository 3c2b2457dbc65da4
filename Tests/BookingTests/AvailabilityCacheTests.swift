import Booking
import Foundation
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

/// Searches reuse what they read while the inventory version of its market and date is unchanged, and never after:
/// every seat taken or given back, every limit changed and every cancelled flight moves it, on any instance.
@Suite struct AvailabilityCacheTests {
    static func basicOffer(_ fixture: BookingFixture, flight: String = "UA100") async throws -> (requestID: String, offer: OfferView?) {
        let result = try await fixture.shopping.search(BookingFixture.search())
        return (result.id, result.offers.first { $0.fareBrand == "basic" && $0.slices[0].segments[0].flightNumber == flight })
    }

    @Test(arguments: TestDatabases.engines)
    func searchesAreAnsweredFromTheCacheUntilTheInventoryChanges(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let first = try await Self.basicOffer(fixture)
            #expect(try await Self.basicOffer(fixture).requestID == first.requestID)

            let offer = try #require(first.offer)
            _ = try await fixture.orders.create(BookingFixture.order(offerID: offer.id), idempotencyKey: nil, requestHash: "a")
            let afterSale = try await Self.basicOffer(fixture)
            #expect(afterSale.requestID != first.requestID)
            #expect(try await Self.basicOffer(fixture).requestID == afterSale.requestID)

            let flight = offer.slices[0].segments[0].flightId
            _ = try await fixture.inventory.override(flightID: flight, cabin: .economy, classCode: "V", limit: 0, operatorName: "t", reason: "close V")
            let afterLimit = try await Self.basicOffer(fixture)
            #expect(afterLimit.requestID != afterSale.requestID && afterLimit.offer?.slices[0].segments[0].bookingClass == "Q")

            // A cancelled flight leaves the answers at once; the fare calendar reads the same cache.
            try await database.transaction { sql in try await FlightStore.cancel(flight, on: sql) }
            #expect(try await Self.basicOffer(fixture).offer == nil)
            let calendar = try await fixture.shopping.fareCalendar(BookingFixture.search(), days: 1)
            let grid = try await fixture.shopping.fareGrid(BookingFixture.search())
            #expect(calendar.first?.lowest == grid.slices[0].compactMap(\.lowest).map(\.total).min { $0.minorUnits < $1.minorUnits })
        }
    }

    /// Purchases race searches for the last seat of V again and again: once a purchase that closed V has returned,
    /// no search offers V on that flight.
    @Test(arguments: TestDatabases.engines)
    func noOfferIsPricedFromAClassThatACommittedPurchaseClosed(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            let fixture = BookingFixture(database: database)
            let flight = try #require(try await Self.basicOffer(fixture).offer).slices[0].segments[0].flightId
            for round in 0..<8 {
                // One V seat left.
                let sold = try #require(try await fixture.inventory.inventory(of: flight).cabins.first { $0.cabin == "economy" }).sold
                _ = try await fixture.inventory.override(flightID: flight, cabin: .economy, classCode: "V", limit: sold + 1, operatorName: "t", reason: "round \(round)")
                let offer = try #require(try await Self.basicOffer(fixture).offer)
                #expect(offer.slices[0].segments[0].bookingClass == "V")
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        _ = try await fixture.orders.create(BookingFixture.order(offerID: offer.id), idempotencyKey: nil, requestHash: "r\(round)")
                        // Committed: from now on V is closed for every search.
                        let after = try await Self.basicOffer(fixture)
                        #expect(after.offer?.slices[0].segments[0].bookingClass != "V", "round \(round)")
                    }
                    for _ in 0..<4 {
                        group.addTask { for _ in 0..<5 { _ = try await Self.basicOffer(fixture) } }
                    }
                    try await group.waitForAll()
                }
            }
        }
    }

    /// Two instances over one PostgreSQL database, each with its own cache: a sale on one is seen by the other's next search.
    @Test(.enabled(if: TestDatabases.postgresURL != nil))
    func anotherInstancesSaleInvalidatesThisInstancesCache() async throws {
        try await TestDatabases.withPostgresInstances(2) { databases in
            try await FixtureNetwork.seed(databases[0])
            let one = BookingFixture(database: databases[0]), two = BookingFixture(database: databases[1])
            let flight = try #require(try await Self.basicOffer(one).offer).slices[0].segments[0].flightId
            _ = try await two.inventory.override(flightID: flight, cabin: .economy, classCode: "V", limit: 1, operatorName: "t", reason: "last V seat")
            let cached = try await Self.basicOffer(one)
            #expect(cached.offer?.slices[0].segments[0].bookingClass == "V")
            #expect(try await Self.basicOffer(one).requestID == cached.requestID)
            _ = try await two.orders.create(BookingFixture.order(offerID: try #require(try await Self.basicOffer(two).offer).id), idempotencyKey: nil, requestHash: "b")
            let after = try await Self.basicOffer(one)
            #expect(after.requestID != cached.requestID && after.offer?.slices[0].segments[0].bookingClass == "Q")
        }
    }
}
