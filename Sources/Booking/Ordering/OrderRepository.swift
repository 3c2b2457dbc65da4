import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// Reads orders back as the API shows them.
public struct OrderRepository: Sendable {
    let database: any Database
    let network: NetworkDirectory

    public init(database: any Database, network: NetworkDirectory) {
        self.database = database
        self.network = network
    }

    struct OrderRow: Decodable {
        let id: String, record_locator: String, status: OrderStatus, cabin: String, fare_brand: String, currency: String
        let base_amount: Int64, tax_amount: Int64, total_amount: Int64
        let contact_email: String, contact_phone: String, created_at: Int64, cancelled_at: Int64?
        let benefit_tier: String?, benefit_bags: Int, benefit_lounge: Int
    }

    struct PassengerRow: Decodable {
        let id: String, passenger_type: String, given_name: String, family_name: String, birth_date: String?, ticket_number: String
    }

    struct SegmentRow: Decodable {
        let position: Int, booking_class: String, seats: Int
    }

    struct PaymentRow: Decodable {
        let id: String, kind: String, amount: Int64, currency: String, card_brand: String?, card_last4: String?, miles: Int?, created_at: Int64
    }

    /// The order with this id, or nil.
    public func find(id: String) async throws -> OrderView? {
        let snapshot = try await network.current()
        return try await database.read { sql in
            try await Self.load(id: id, network: snapshot, on: sql)
        }
    }

    /// The id of the order with this booking reference and a passenger of this family name
    /// (case-insensitive), or nil. Both must match so that a reference alone reveals nothing.
    public func findID(bookingReference: String, familyName: String) async throws -> String? {
        try await database.read { sql in
            try await sql.raw("""
                SELECT o.id FROM orders o JOIN order_passengers p ON p.order_id = o.id
                WHERE o.record_locator = \(bind: bookingReference.uppercased()) AND p.family_name = \(bind: familyName.uppercased())
                LIMIT 1
                """).first().map { try $0.decode(column: "id", as: String.self) }
        }
    }

    static func load(id: String, network: NetworkDirectory.Snapshot, on sql: any SQLDatabase) async throws -> OrderView? {
        guard let order = try await sql.raw("""
            SELECT id, record_locator, status, cabin, fare_brand, currency, base_amount, tax_amount, total_amount,
                   contact_email, contact_phone, created_at, cancelled_at, benefit_tier, benefit_bags, benefit_lounge FROM orders WHERE id = \(bind: id)
            """).first(decoding: OrderRow.self) else { return nil }
        let passengers = try await sql.raw("""
            SELECT id, passenger_type, given_name, family_name, birth_date, ticket_number FROM order_passengers
            WHERE order_id = \(bind: id) ORDER BY position
            """).all(decoding: PassengerRow.self)
        let segments = try await sql.raw("""
            SELECT position, booking_class, seats FROM order_segments WHERE order_id = \(bind: id) ORDER BY position
            """).all(decoding: SegmentRow.self)
        let flights = try await sql.raw("""
            SELECT \(ScheduledFlight.columns) FROM order_segments s
            JOIN flights f ON f.id = s.flight_id JOIN flight_cabins c ON c.flight_id = f.id AND c.cabin = s.cabin
            WHERE s.order_id = \(bind: id) ORDER BY s.position
            """).all(decoding: ScheduledFlight.self)
        let payments = try await sql.raw("""
            SELECT id, kind, amount, currency, card_brand, card_last4, miles, created_at FROM payments WHERE order_id = \(bind: id) ORDER BY created_at, kind
            """).all(decoding: PaymentRow.self)

        let coupons = try await CouponStore.coupons(orderID: id, on: sql)
        let seats = Dictionary(try await SeatStore.seats(orderID: id, on: sql).map { ("\($0.passenger_position)/\($0.segment_position)", $0.seat) },
                               uniquingKeysWith: { first, _ in first })
        let services = try await OrderServiceStore.services(orderID: id, on: sql)
        let currency = CurrencyCode(order.currency) ?? .usd
        let cabin = Cabin(rawValue: order.cabin) ?? .economy
        let brand = FareBrand(rawValue: order.fare_brand) ?? .basic
        let presenter = FlightPresenter(network: network)
        let slices: [OfferView.Slice] = zip(segments, flights).map { segment, flight in
            presenter.slice(flight, bookingClass: FareLadder.bookingClass(segment.booking_class, in: cabin) ?? FareLadder.classes(in: cabin)[0])
        }
        func money(_ minor: Int64) -> String { Money(minorUnits: minor, currency: currency).decimalString }
        return OrderView(
            id: order.id, bookingReference: order.record_locator, status: order.status,
            createdAt: APITime.utc(order.created_at), cancelledAt: order.cancelled_at.map(APITime.utc),
            cabinClass: order.cabin, fareBrand: order.fare_brand,
            conditions: .init(FareConditions.of(brand: brand, bookingClasses: segments.map(\.booking_class), currency: currency)),
            baseAmount: money(order.base_amount), taxAmount: money(order.tax_amount), totalAmount: money(order.total_amount),
            totalCurrency: order.currency,
            passengers: passengers.map { .init(id: $0.id, type: $0.passenger_type, givenName: $0.given_name, familyName: $0.family_name,
                                               birthDate: $0.birth_date, ticketNumber: $0.ticket_number) },
            slices: slices,
            contact: .init(email: order.contact_email, phoneNumber: order.contact_phone),
            payments: payments.map { .init(id: $0.id, type: $0.kind, amount: Money(minorUnits: $0.amount, currency: CurrencyCode($0.currency) ?? currency).decimalString,
                                           currency: $0.currency, cardBrand: $0.card_brand, cardLastFour: $0.card_last4, miles: $0.miles,
                                           createdAt: APITime.utc($0.created_at)) },
            milesSpent: payments.contains { $0.miles != nil } ? payments.compactMap(\.miles).reduce(0, +) : nil,
            award: segments.contains { FareLadder.isAward($0.booking_class) },
            coupons: coupons.map { coupon in
                .init(passengerId: passengers[safe: coupon.passenger_position]?.id ?? "", flightId: coupon.flight_id, ticketNumber: coupon.ticket_number,
                      couponNumber: coupon.segment_position + 1, status: coupon.status,
                      seat: seats["\(coupon.passenger_position)/\(coupon.segment_position)"],
                      checkedInAt: coupon.checked_in_at.map(APITime.utc), boardedAt: coupon.boarded_at.map(APITime.utc))
            },
            services: services.map { service in
                .init(id: service.id, type: service.kind, passengerId: passengers[safe: service.passenger_position]?.id ?? "",
                      flightId: flights[safe: service.segment_position]?.id ?? "", designator: service.designator,
                      totalAmount: service.price.decimalString, totalCurrency: service.currency, status: service.status,
                      deliveryStatus: service.delivery, refundedAmount: money(service.refunded_amount))
            },
            servicesTotalAmount: money(services.filter { $0.status == .active }.reduce(0) { $0 + $1.amount }),
            includedCheckedBags: BaggagePolicy.includedBags(brand) + order.benefit_bags,
            memberBenefits: order.benefit_tier.map { MemberBenefits(tier: $0, extraBags: order.benefit_bags, lounge: order.benefit_lounge == 1) })
    }
}
