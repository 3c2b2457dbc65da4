import Foundation
import SkyportDomain

/// What an offer promises, carried inside its signed id so that any instance can honour it
/// without storing every offer it ever showed.
public struct OfferClaims: Sendable, Hashable {
    public struct Segment: Sendable, Hashable {
        public let flightID: String
        public let bookingClass: String
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
}

/// Offer ids: `off_` + base64url(claims) + `.` + MAC. The claims are a compact `~`-separated text
/// (version, request, expiry, cabin, brand, passengers, flight:class list, total, currency): every
/// part is an identifier or a code, and the text is cheaper to write than JSON on the search path.
public struct OfferToken: Sendable {
    private static let version = "1"
    private let signer: Signer

    public init(signer: Signer) {
        self.signer = signer
    }

    public func encode(_ claims: OfferClaims) -> String {
        let text = [
            Self.version, claims.offerRequestID, String(claims.expiresAt), claims.cabin.rawValue, claims.brand.rawValue,
            claims.passengers.map(\.rawValue).joined(separator: ","),
            claims.segments.map { "\($0.flightID):\($0.bookingClass)" }.joined(separator: ","),
            String(claims.totalMinorUnits), claims.currency,
        ].joined(separator: "~")
        let payload = Base64URL.encode(Data(text.utf8))
        return "off_\(payload).\(signer.mac(payload))"
    }

    /// The claims of a genuine offer id; nil for anything forged, truncated or unknown.
    public func decode(_ id: String) -> OfferClaims? {
        guard id.hasPrefix("off_"), id.utf8.count < 4096 else { return nil }
        let parts = id.dropFirst(4).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, signer.verify(String(parts[0]), mac: String(parts[1])),
              let data = Base64URL.decode(String(parts[0])) else { return nil }
        let fields = String(decoding: data, as: UTF8.self).split(separator: "~", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 9, fields[0] == Self.version, let expiresAt = Int64(fields[2]),
              let cabin = Cabin(rawValue: fields[3]), let brand = FareBrand(rawValue: fields[4]),
              let total = Int64(fields[7]) else { return nil }
        let passengers = fields[5].split(separator: ",").compactMap { PassengerType(rawValue: String($0)) }
        let segments = fields[6].split(separator: ",").compactMap { pair -> OfferClaims.Segment? in
            let halves = pair.split(separator: ":")
            return halves.count == 2 ? .init(flightID: String(halves[0]), bookingClass: String(halves[1])) : nil
        }
        guard !passengers.isEmpty, !segments.isEmpty else { return nil }
        return OfferClaims(offerRequestID: fields[1], expiresAt: expiresAt, cabin: cabin, brand: brand, passengers: passengers,
                           segments: segments, totalMinorUnits: total, currency: fields[8])
    }
}
