/// One tax of a coupon, in minor units.
public struct TaxAmount: Sendable, Equatable, Hashable, Codable {
    /// The ticketing tax code (`US`, `ZP`, `AY`, `XF`).
    public let code: String
    public let amount: Int64

    public init(code: String, amount: Int64) {
        self.code = code
        self.amount = amount
    }

    /// Taxes as a fare row stores them: `US:1400,ZP:510`.
    public static func text(_ taxes: [TaxAmount]) -> String {
        taxes.map { "\($0.code):\($0.amount)" }.joined(separator: ",")
    }

    /// The taxes of `text` as `text(_:)` writes it; malformed parts are skipped.
    public static func list(_ text: String) -> [TaxAmount] {
        text.split(separator: ",").compactMap { part in
            let pieces = part.split(separator: ":")
            guard pieces.count == 2, let amount = Int64(pieces[1]) else { return nil }
            return TaxAmount(code: String(pieces[0]), amount: amount)
        }
    }
}

/// A flight coupon as revenue accounting keeps it: the value of the fare it carries (the ticket's fare prorated by
/// distance), the taxes collected with it, and where it stands. The open coupons are the air traffic liability's detail.
public struct AccountingCoupon: Sendable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Sold, not flown: its value is in the air traffic liability.
        case open
        case flown
        /// Its flight left without the passenger: the value was earned, the taxes are still held.
        case noShow = "no_show"
        case refunded
        /// Replaced by a coupon of a reissued ticket, which carries its value on.
        case exchanged
        /// Unused when the ticket's validity ended (breakage).
        case expired
    }

    public let ticketNumber: String
    /// The coupon's number on its ticket, from 1.
    public let number: Int
    public let orderID: String
    public let passengerPosition: Int
    /// The order's flight the coupon is for.
    public let segmentPosition: Int
    public let flightID: String
    public let origin: String
    public let destination: String
    /// The flight's local date, `YYYY-MM-DD`.
    public let flightDate: String
    public let cabin: String
    public let bookingClass: String
    public let distanceMiles: Int
    public let currency: CurrencyCode
    /// The prorated fare, minor units.
    public let value: Int64
    public let taxes: [TaxAmount]
    public var status: Status
    /// After this instant (seconds since 1970) an unused coupon expires.
    public let validUntil: Int64

    public init(ticketNumber: String, number: Int, orderID: String, passengerPosition: Int, segmentPosition: Int, flightID: String, origin: String,
                destination: String, flightDate: String, cabin: String, bookingClass: String, distanceMiles: Int, currency: CurrencyCode,
                value: Int64, taxes: [TaxAmount], status: Status, validUntil: Int64) {
        self.ticketNumber = ticketNumber
        self.number = number
        self.orderID = orderID
        self.passengerPosition = passengerPosition
        self.segmentPosition = segmentPosition
        self.flightID = flightID
        self.origin = origin
        self.destination = destination
        self.flightDate = flightDate
        self.cabin = cabin
        self.bookingClass = bookingClass
        self.distanceMiles = distanceMiles
        self.currency = currency
        self.value = value
        self.taxes = taxes
        self.status = status
        self.validUntil = validUntil
    }

    /// `JFK-LAX`.
    public var route: String { "\(origin)-\(destination)" }
    public var routeGroup: RouteGroup { RouteGroup(distanceMiles: distanceMiles) }
    public var taxTotal: Int64 { taxes.reduce(0) { $0 + $1.amount } }
    /// Whether its value is still owed to the passenger (in the air traffic liability).
    public var isOpen: Bool { status == .open }
    /// Whether its taxes are still held: neither flown, refunded, exchanged nor expired.
    public var holdsTaxes: Bool { status == .open || status == .noShow }

    var dimensions: JournalEntry.Dimensions {
        JournalEntry.Dimensions(orderID: orderID, ticketNumber: ticketNumber, flightID: flightID, route: route, cabin: cabin, flightDate: flightDate)
    }
}

/// A paid seat or bag as revenue accounting keeps it: unearned until delivered.
public struct AccountingService: Sendable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case active, delivered, refunded, replaced, forfeited
    }

    public let id: String
    public let orderID: String
    public let passengerPosition: Int
    public let segmentPosition: Int
    /// `seat` or `checked_bag`.
    public let kind: String
    public let amount: Int64
    public let currency: CurrencyCode
    public var status: Status

    public init(id: String, orderID: String, passengerPosition: Int, segmentPosition: Int, kind: String, amount: Int64, currency: CurrencyCode,
                status: Status) {
        self.id = id
        self.orderID = orderID
        self.passengerPosition = passengerPosition
        self.segmentPosition = segmentPosition
        self.kind = kind
        self.amount = amount
        self.currency = currency
        self.status = status
    }
}
