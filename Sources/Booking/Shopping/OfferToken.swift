import Foundation
import SkyportDomain

/// What an offer promises, carried inside its signed id so that any instance can honour it
/// without storing every offer it ever showed.
public struct OfferClaims: Codable, Sendable, Hashable {
    public struct Segment: Codable, Sendable, Hashable {
        public let flightID: String
        public let bookingClass: String
        enum CodingKeys: String, CodingKey { case flightID = "f", bookingClass = "c" }

        public init(flightID: String, bookingClass: String) {
            self.flightID = flightID
            self.bookingClass = bookingClass
        }
    }

    public let offerRequestID: String
    public let expiresAt: Int64
    public let cabin: Cabin
    public let brand: FareBrand
    public let passengers: [PassengerType]
    public let segments: [Segment]
    public let totalMinorUnits: Int64
    public let currency: String

    public init(offerRequestID: String, expiresAt: Int64, cabin: Cabin, brand: FareBrand, passengers: [PassengerType],
                segments: [Segment], totalMinorUnits: Int64, currency: String) {
        self.offerRequestID = offerRequestID
        self.expiresAt = expiresAt
        self.cabin = cabin
        self.brand = brand
        self.passengers = passengers
        self.segments = segments
        self.totalMinorUnits = totalMinorUnits
        self.currency = currency
    }

    enum CodingKeys: String, CodingKey {
        case offerRequestID = "r", expiresAt = "e", cabin = "k", brand = "b", passengers = "p", segments = "s"
        case totalMinorUnits = "t", currency = "c"
    }
}

/// Offer ids: `off_` + base64url(claims) + `.` + MAC.
public struct OfferToken: Sendable {
    private let signer: Signer

    public init(signer: Signer) {
        self.signer = signer
    }

    public func encode(_ claims: OfferClaims) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let payload = Base64URL.encode((try? encoder.encode(claims)) ?? Data())
        return "off_\(payload).\(signer.mac(payload))"
    }

    /// The claims of a genuine offer id; nil for anything forged, truncated or unknown.
    public func decode(_ id: String) -> OfferClaims? {
        guard id.hasPrefix("off_"), id.utf8.count < 4096 else { return nil }
        let parts = id.dropFirst(4).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, signer.verify(String(parts[0]), mac: String(parts[1])),
              let data = Base64URL.decode(String(parts[0])) else { return nil }
        return try? JSONDecoder().decode(OfferClaims.self, from: data)
    }
}
