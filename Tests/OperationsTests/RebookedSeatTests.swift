import Booking
import Foundation
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing
@testable import Operations

@Suite struct RebookedSeatTests {
    static let disrupted = RebookingRaceTests.disrupted
    static let alternative = RebookingRaceTests.alternative

    /// A passenger who paid for an extra-legroom seat and is moved off a cancelled flight keeps that zone on the new
    /// flight, with the seat's price; their coupons move to the new ticket.
    @Test(arguments: TestDatabases.engines)
    func aPaidSeatMovesToTheSameZoneWithARebooking(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let fixture = try await OperationsFixture(database: database, model: false)
            // B6400's first economy row (row 3, behind two business rows) is extra legroom.
            let orderID = try await fixture.buy(Self.disrupted, seat: "3A")
            let before = try #require(try await fixture.booking.repository.find(id: orderID))
            #expect(before.services.map(\.type) == [.seat] && before.coupons.first?.seat == "3A")
            _ = try await fixture.disruptions.declareCancellation(flightID: Self.disrupted, by: "ops")
            try await fixture.operations.worker.drain()
            let hold = try #require(try await fixture.booking.changes.holds(orderID: orderID).first { $0.flightID == Self.alternative })
            _ = try await fixture.operations.rebooking.accept(orderID: orderID, alternativeID: hold.id, actor: "passenger")

            let after = try #require(try await fixture.booking.repository.find(id: orderID))
            let seat = try #require(after.coupons.first?.seat)
            let map = try #require(try await fixture.booking.seatsAndBags.seatMaps(orderID: orderID).first)
            #expect(map.flightId == Self.alternative)
            #expect(map.cabins.flatMap(\.rows).flatMap(\.seats).first { $0.designator == seat }?.zone == .extraLegroom)
            #expect(after.services.filter { $0.status == .active }.map(\.designator) == [seat])
            #expect(after.services.first?.totalAmount == before.services.first?.totalAmount)
            #expect(after.coupons.map(\.status) == [.open] && after.coupons.first?.ticketNumber == after.passengers.first?.ticketNumber)
            #expect(after.coupons.first?.ticketNumber != before.coupons.first?.ticketNumber)
        }
    }
}
