import Foundation
import SkyportDomain

/// An offer as the API shows it. Amounts are decimal strings in `total_currency`, as in the
/// industry's offer-and-order APIs.
public struct OfferView: Encodable, Sendable {
    public struct Conditions: Encodable, Sendable {
        public let refundable: Bool
        public let refundPenaltyAmount: String?
        public let changeable: Bool
        public let changeFeeAmount: String?

        init(_ conditions: FareConditions) {
            refundable = conditions.refundable
            refundPenaltyAmount = conditions.cancellationPenalty?.decimalString
            changeable = conditions.changeable
            changeFeeAmount = conditions.changeFee?.decimalString
        }
    }

    public struct TaxView: Encodable, Sendable {
        public let code: String
        public let name: String
        public let amount: String
    }

    /// The price of one passenger of a type over the whole itinerary.
    public struct PassengerPrice: Encodable, Sendable {
        public let type: String
        public let count: Int
        public let baseAmount: String
        public let taxAmount: String
        public let totalAmount: String
        public let taxes: [TaxView]
    }

    public struct Segment: Encodable, Sendable {
        public let flightId: String
        public let marketingCarrier: String
        public let marketingCarrierName: String
        public let flightNumber: String
        public let origin: String
        public let destination: String
        public let departingAt: String
        public let departingAtLocal: String
        public let arrivingAt: String
        public let arrivingAtLocal: String
        public let duration: String
        public let aircraft: String?
        public let cabinClass: String
        public let bookingClass: String
        public let fareBasis: String
    }

    /// The same flights as an award: booked in the award class, the fares paid with miles, the taxes in cash.
    public struct Award: Encodable, Sendable {
        public let miles: Int
        public let cashAmount: String
        public let cashCurrency: String
    }

    public struct Slice: Encodable, Sendable {
        public let origin: String
        public let destination: String
        public let departureDate: String
        public let duration: String
        public let segments: [Segment]
    }

    public let id: String
    public let expiresAt: String
    public let cabinClass: String
    public let fareBrand: String
    public let fareBrandName: String
    public let conditions: Conditions
    public let baseAmount: String
    public let taxAmount: String
    public let totalAmount: String
    public let totalCurrency: String
    public let passengers: [PassengerPrice]
    public let slices: [Slice]
    /// Seats left at this price when nine or fewer, else nil.
    public let availableSeats: Int?
    /// The price in miles, where the loyalty programme runs and award seats are open (pay with
    /// `payment.miles.award`); nil otherwise.
    public let award: Award?
}

/// ISO 8601 in UTC and ISO 8601 durations, as the API writes them.
public enum APITime {
    public static func utc(_ seconds: Int64) -> String {
        let date = LocalDate(daysSinceEpoch: Int(floorDiv(seconds, 86_400)))
        let inDay = Int(seconds - Int64(date.daysSinceEpoch) * 86_400)
        return "\(date.iso)T\(two(inDay / 3600)):\(two(inDay / 60 % 60)):\(two(inDay % 60))Z"
    }

    public static func utc(_ date: Date) -> String { utc(Int64(date.timeIntervalSince1970.rounded(.down))) }

    /// `PT5H30M`
    public static func duration(minutes: Int) -> String {
        let hours = minutes / 60, rest = minutes % 60
        return "PT" + (hours > 0 ? "\(hours)H" : "") + (rest > 0 || hours == 0 ? "\(rest)M" : "")
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
