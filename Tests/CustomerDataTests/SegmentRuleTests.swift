import CustomerData
import SkyportDomain
import Testing
import SkyportTestSupport

@Suite struct SegmentRuleTests {
    static let day: Int64 = 86_400_000
    static let searchedNotBooked: JSONValue = .object(["all": .array([
        .object(["event": "Products Searched", "where": .object(["origin": "JFK", "destination": "LAX"]), "within_days": 7]),
        .object(["not": .object(["event": "Order Completed", "within_days": 7])]),
    ])])

    func subject(_ events: [TrackedEvent], traits: [String: JSONValue] = [:], computed: [String: JSONValue] = [:], now: Int64 = 30 * day) -> SegmentSubject {
        SegmentSubject(traits: traits, computed: computed, events: events, now: now)
    }

    @Test func searchedJfkToLaxInTheLastWeekAndDidNotBook() throws {
        let rule = try SegmentRule(Self.searchedNotBooked)
        #expect(rule.eventNames == ["Products Searched", "Order Completed"] && rule.longestWindowDays == 7)
        let search = ProfileFactsTests.track(1, "Products Searched", at: 28 * Self.day, ["origin": "jfk", "destination": "LAX"])
        let otherMarket = ProfileFactsTests.track(2, "Products Searched", at: 28 * Self.day, ["origin": "JFK", "destination": "SFO"])
        let order = ProfileFactsTests.track(3, "Order Completed", at: 29 * Self.day, ["order_id": "A"])
        #expect(rule.matches(subject([search])))
        #expect(!rule.matches(subject([otherMarket])))
        #expect(!rule.matches(subject([search, order])))
        // Eight days later the search has aged out of the window.
        #expect(!rule.matches(subject([search], now: 36 * Self.day + 1)))
        #expect(try SegmentRule(rule.json) == rule)
    }

    @Test func traitsAndComputedTraitsCompareByOperator() throws {
        let rule = try SegmentRule(.object(["any": .array([
            .object(["trait": "tier", "op": "in", "value": .array(["gold", "platinum"])]),
            .object(["all": .array([
                .object(["computed": "trips_booked", "op": "gte", "value": 3]),
                .object(["computed": "favourite_destination", "op": "equals", "value": "lax"]),
            ])]),
        ])]))
        #expect(rule.readsTraits)
        #expect(rule.matches(subject([], traits: ["tier": "Gold"])))
        #expect(!rule.matches(subject([], traits: ["tier": "silver"])))
        #expect(rule.matches(subject([], computed: ["trips_booked": 3, "favourite_destination": "LAX"])))
        #expect(!rule.matches(subject([], computed: ["trips_booked": 2, "favourite_destination": "LAX"])))
        let exists = try SegmentRule(.object(["trait": "email", "op": "exists"]))
        #expect(exists.matches(subject([], traits: ["email": "a@b.co"])) && !exists.matches(subject([], traits: ["email": .null])))
        let atLeast = try SegmentRule(.object(["event": "Product Viewed", "within_days": 30, "at_least": 2]))
        let view = ProfileFactsTests.track(1, "Product Viewed", at: 29 * Self.day, [:])
        #expect(!atLeast.matches(subject([view])) && atLeast.matches(subject([view, view])))
    }

    @Test func mistakesAreNamedWithTheirPath() {
        func issues(_ rule: JSONValue) -> [ValidationIssue] {
            (try? SegmentRule(rule)).map { _ in [] } ?? {
                do { _ = try SegmentRule(rule); return [] } catch let failure as ValidationFailure { return failure.issues } catch { return [] }
            }()
        }
        #expect(issues(.string("all")).map(\.field) == ["rule"])
        #expect(issues(.object(["all": .array([])])).map(\.field) == ["rule.all"])
        #expect(issues(.object(["all": .array([.object(["event": "Products Searched", "within_days": 0])])])).map(\.field) == ["rule.all[0].within_days"])
        #expect(issues(.object(["any": .array([.object(["computed": "shoe_size", "op": "gt", "value": 1])])])).map(\.field) == ["rule.any[0].computed"])
        #expect(issues(.object(["not": .object(["trait": "tier", "op": "like", "value": "g"])])).map(\.field) == ["rule.not.op"])
        #expect(issues(.object(["trait": "tier", "op": "equals"])).map(\.field) == ["rule.value"])
        #expect(issues(.object(["trait": "tier", "op": "in", "value": "gold"])).map(\.field) == ["rule.value"])
        #expect(issues(.object(["event": "X", "within_days": 3, "at_least": 1.5])).map(\.field) == ["rule.at_least"])
        #expect(issues(.object(["shape": "circle"])).map(\.code) == ["invalid_rule"])
    }
}
