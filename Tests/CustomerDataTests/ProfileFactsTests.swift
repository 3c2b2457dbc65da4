import CustomerData
import Testing

@Suite struct ProfileFactsTests {
    static let day: Int64 = 86_400_000

    static func track(_ id: Int64, _ name: String, at time: Int64, _ properties: [String: JSONValue]) -> TrackedEvent {
        TrackedEvent(id: id, type: "track", name: name, userID: nil, anonymousID: "a", occurredAt: time,
                     message: .object(["type": .string("track"), "event": .string(name), "properties": .object(properties)]))
    }

    @Test func ordersCountOnceFromTheSiteAndTheBookingEngineAndCancellationsTakeThemBack() {
        var facts = ProfileFacts()
        let order: [String: JSONValue] = ["order_id": "ABC123", "total": "250.40", "currency": "usd",
                                          "products": .array([.object(["origin": "JFK", "destination": "LAX"])])]
        facts.apply(Self.track(1, "Order Completed", at: 10 * Self.day, order))
        facts.apply(Self.track(2, "Order Completed", at: 10 * Self.day + 5, order))  // the booking engine's copy
        facts.apply(Self.track(3, "Order Completed", at: 12 * Self.day, ["order_id": "XYZ789", "total": 99.5, "currency": "USD", "destination": "sfo"]))
        facts.apply(Self.track(4, "Order Completed", at: 13 * Self.day, ["order_id": "KRW001", "total": "300000", "currency": "KRW", "destination": "ICN"]))
        var computed = facts.computedTraits(now: 15 * Self.day + 1)
        #expect(computed.tripsBooked == 3)
        #expect(computed.totalSpend == ["USD": "349.9", "KRW": "300000"])
        #expect(computed.daysSinceLastBooking == 2)
        facts.apply(Self.track(5, "Order Cancelled", at: 14 * Self.day, ["order_id": "KRW001"]))
        computed = facts.computedTraits(now: 15 * Self.day + 1)
        #expect(computed.tripsBooked == 2 && computed.totalSpend == ["USD": "349.9"] && computed.daysSinceLastBooking == 3)
    }

    @Test func theNewestSearchIsKeptAndInterestRanksDestinations() {
        var facts = ProfileFacts()
        facts.apply(Self.track(1, "Products Searched", at: 5, ["origin": "jfk", "destination": "lax", "departure_date": "2026-12-08"]))
        facts.apply(Self.track(2, "Products Searched", at: 3, ["origin": "JFK", "destination": "SFO"]))  // older, arrived later
        facts.apply(Self.track(3, "Product Viewed", at: 6, ["destination": "SFO"]))
        facts.apply(Self.track(4, "Products Searched", at: 7, ["origin": "JFK"]))  // no destination: not a search to continue
        let computed = facts.computedTraits(now: 10)
        #expect(computed.lastSearch?.destination == "LAX" && computed.lastSearch?.departureDate == "2026-12-08")
        #expect(computed.favouriteDestination == "SFO")  // 1 search + a half view beats 1 search
        #expect(computed.tripsBooked == 0 && computed.daysSinceLastBooking == nil)
    }

    @Test func mergingTwoProfilesCombinesTheirFacts() {
        var laptop = ProfileFacts()
        laptop.apply(Self.track(1, "Products Searched", at: 5, ["origin": "JFK", "destination": "LAX"]))
        laptop.apply(Self.track(2, "Order Completed", at: 6, ["order_id": "A", "total": "100", "currency": "USD", "destination": "LAX"]))
        var phone = ProfileFacts()
        phone.apply(Self.track(3, "Products Searched", at: 9, ["origin": "EWR", "destination": "ORD"]))
        phone.apply(Self.track(4, "Order Completed", at: 8, ["order_id": "A", "total": "100", "currency": "USD", "destination": "LAX"]))
        phone.apply(Self.track(5, "Order Cancelled", at: 10, ["order_id": "A"]))
        laptop.merge(phone)
        let computed = laptop.computedTraits(now: 11)
        #expect(computed.lastSearch?.origin == "EWR")
        #expect(computed.tripsBooked == 0)
        #expect(laptop.destinationInterest["LAX"] == 7)  // one search, and the order counted on each device
    }
}
