import Maintenance
import Testing

/// Which aircraft flies each flight of one in the shop, as a pure rule.
@Suite struct ShopVisitPlanTests {
    static let hour: Int64 = 3600

    @Test func theSmallestFreeAircraftThatSeatsTheFlightTakesItElseTheFlightIsCancelled() {
        let flights = [
            ShopVisitPlan.Flight(id: "a", departsAt: 10 * Self.hour, arrivesAt: 12 * Self.hour, seats: 100),
            ShopVisitPlan.Flight(id: "b", departsAt: 11 * Self.hour, arrivesAt: 13 * Self.hour, seats: 100),
            ShopVisitPlan.Flight(id: "c", departsAt: 20 * Self.hour, arrivesAt: 21 * Self.hour, seats: 300),
        ]
        let candidates = [
            ShopVisitPlan.Aircraft(tail: "BIG", seats: 250, busy: []),
            ShopVisitPlan.Aircraft(tail: "SMALL", seats: 90, busy: []),
            ShopVisitPlan.Aircraft(tail: "FIT", seats: 120, busy: [(7 * Self.hour)...(9 * Self.hour + 15 * 60)]),
        ]
        let outcomes = ShopVisitPlan.outcomes(of: flights, candidates: candidates)
        // "a": FIT lands 09:15, exactly a turnaround before 10:00, and is the smallest that seats 100.
        // "b": FIT is now flying "a", so BIG takes it. "c": nobody seats 300.
        #expect(outcomes.map(\.flight.id) == ["a", "b", "c"])
        #expect(outcomes.map(\.outcome) == [.reassigned(tail: "FIT"), .reassigned(tail: "BIG"), .cancelled])
        // A minute less on the ground is not a turnaround.
        let tight = [ShopVisitPlan.Aircraft(tail: "FIT", seats: 120, busy: [(7 * Self.hour)...(9 * Self.hour + 16 * 60)])]
        #expect(ShopVisitPlan.outcomes(of: [flights[0]], candidates: tight).map(\.outcome) == [.cancelled])
    }
}
