import Booking
import Foundation
import SkyportDomain
import SQLKit
import SkyportStore

/// The booking services over a seeded database, with the clock stopped at `FixtureNetwork.now`
/// and the test payment processor; `fixture.shopping` and friends are the services' own.
@dynamicMemberLookup
public struct BookingFixture: Sendable {
    public let services: BookingServices
    public let payments: TestPaymentProcessor
    public var database: any Database { services.database }

    public static let secret = "test-secret-test-secret-test-secret-0123"

    /// `miles` and `loyalty` let members pay with miles; `benefits` gives members' bookings their tier's bags.
    public init(database: any Database, now: Date = FixtureNetwork.now, miles: (any PaymentProcessor)? = nil, loyalty: LoyaltyProgramme? = nil,
                benefits: (any MemberBenefitsProvider)? = nil) {
        payments = TestPaymentProcessor()
        services = BookingServices(database: database, secret: Self.secret, payments: payments, accountingCode: "999",
                                   clock: .fixed(now), logger: TestDatabases.logger, miles: miles, loyalty: loyalty, benefits: benefits)
    }

    public subscript<Value>(dynamicMember keyPath: KeyPath<BookingServices, Value>) -> Value {
        services[keyPath: keyPath]
    }

    /// A one-way search on the fixture's travel day.
    public static func search(_ origin: String = "JFK", _ destination: String = "LAX", date: LocalDate = FixtureNetwork.travelDay,
                              passengers: [String] = ["adult"], cabin: String = "economy") -> OfferRequestInput {
        OfferRequestInput(slices: [.init(origin: origin, destination: destination, departureDate: date.iso)],
                          passengers: passengers.map { .init(type: $0) }, cabinClass: cabin)
    }

    /// An order for `offerID` with valid details for each passenger type.
    public static func order(offerID: String, passengers: [PassengerType] = [.adult], familyName: String = "Lovelace",
                             card: String = "4242424242424242") -> OrderInput {
        OrderInput(
            offerId: offerID,
            passengers: passengers.enumerated().map { index, type in
                switch type {
                case .adult: return .init(type: "adult", givenName: "Ada\(letters(index))", familyName: familyName, birthDate: "1985-12-10")
                case .child: return .init(type: "child", givenName: "Byron\(letters(index))", familyName: familyName, birthDate: "2018-03-01")
                case .infantWithoutSeat: return .init(type: "infant_without_seat", givenName: "Ann\(letters(index))", familyName: familyName, birthDate: "2026-02-01")
                }
            },
            contact: .init(email: "ada@example.com", phoneNumber: "+12125550123"),
            payment: .init(card: .init(number: card, expiryMonth: 12, expiryYear: 2030, cvc: "123", holderName: "Ada Lovelace")))
    }

    private static func letters(_ index: Int) -> String { index == 0 ? "" : String(repeating: "a", count: index) }

    /// Seats sold in inventory and seats held by live orders, which must always be equal.
    public func seatLedger() async throws -> (sold: Int, inOrders: Int) {
        try await database.read { sql in
            let sold = try await sql.raw("SELECT COALESCE(SUM(sold), 0) AS n FROM flight_cabins").first()!.decode(column: "n", as: Int.self)
            let held = try await sql.raw("""
                SELECT COALESCE(SUM(s.seats), 0) AS n FROM order_segments s JOIN orders o ON o.id = s.order_id WHERE o.status = 'confirmed'
                """).first()!.decode(column: "n", as: Int.self)
            return (sold, held)
        }
    }
}
