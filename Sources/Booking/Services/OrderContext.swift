import SQLKit
import SkyportDomain
import SkyportStore

/// What self-service needs of an order, read in the caller's transaction (its row locked on PostgreSQL, so that two
/// requests changing one order run one after the other).
struct OrderContext: Sendable {
    struct Passenger: Decodable, Sendable {
        let id: String, position: Int, passenger_type: PassengerType, given_name: String, family_name: String, ticket_number: String
    }

    let orderID: String
    let header: OrderHeader
    let cabin: Cabin
    let brand: FareBrand
    let currency: CurrencyCode
    let passengers: [Passenger]
    let segments: [OrderSegment]
    let coupons: [CouponRow]

    /// Checked bags each passenger has without paying: the fare's, and a member's tier's.
    var includedBags: Int { BaggagePolicy.includedBags(brand) + header.benefit_bags }

    /// Whether the order is an award, paid with miles.
    var isAward: Bool { segments.contains { FareLadder.isAward($0.booking_class) } }

    /// What the fare allows: the brand's conditions, or an award's.
    var conditions: FareConditions { FareConditions.of(brand: brand, bookingClasses: segments.map(\.booking_class), currency: currency) }

    /// Adults (by position) who hold an infant on their lap: the first adults, one per infant.
    var adultsWithInfants: Set<Int> {
        let infants = passengers.filter { $0.passenger_type == .infantWithoutSeat }.count
        return Set(passengers.filter { $0.passenger_type == .adult }.prefix(infants).map(\.position))
    }

    func coupon(passenger: Int, segment: Int) -> CouponRow? {
        coupons.first { $0.passenger_position == passenger && $0.segment_position == segment }
    }

    static func load(_ orderID: String, locking: Bool, on sql: any SQLDatabase) async throws -> OrderContext {
        guard let header = try await OrderStore.header(orderID, locking: locking, on: sql) else {
            throw ServiceError(.notFound, code: .orderNotFound, message: "No order has this id.", field: "order_id")
        }
        let passengers = try await sql.raw("""
            SELECT id, position, passenger_type, given_name, family_name, ticket_number FROM order_passengers
            WHERE order_id = \(bind: orderID) ORDER BY position
            """).all(decoding: Passenger.self)
        return OrderContext(orderID: orderID, header: header, cabin: Cabin(rawValue: header.cabin) ?? .economy,
                            brand: FareBrand(rawValue: header.fare_brand) ?? .basic, currency: CurrencyCode(header.currency) ?? .usd,
                            passengers: passengers, segments: try await OrderStore.segments(orderID, on: sql),
                            coupons: try await CouponStore.coupons(orderID: orderID, on: sql))
    }
}
