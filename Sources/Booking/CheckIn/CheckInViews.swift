/// The body of `POST /v1/orders/{id}/check-in`: the flight, and the passengers to check in (all when omitted).
public struct CheckInInput: Decodable, Sendable {
    public var flightId: String?
    public var passengerIds: [String]?

    public init(flightId: String?, passengerIds: [String]? = nil) {
        self.flightId = flightId
        self.passengerIds = passengerIds
    }
}

/// A checked-in passenger's boarding pass: what is printed on it, and `barcode`, the IATA Bar Coded Boarding Pass
/// string (Resolution 792, signed by the airline) its PDF417 and QR codes carry.
public struct BoardingPassView: Encodable, Sendable {
    public let passengerId: String
    public let passengerName: String
    public let passengerType: String
    public let bookingReference: String
    public let ticketNumber: String
    public let flightId: String
    public let flightNumber: String
    public let origin: String
    public let destination: String
    public let departingAt: String
    public let departingAtLocal: String
    /// Boarding starts this long before departure (40 minutes).
    public let boardingAtLocal: String
    public let cabinClass: String
    /// Nil for an infant on a lap.
    public let seat: String?
    public let seatZone: String?
    /// The order of boarding: 1 business, 2 extra legroom and front rows, 3 the rest.
    public let boardingGroup: Int
    public let sequenceNumber: Int?
    public let checkedBags: Int
    public let barcode: String
}

/// What `POST /v1/orders/{id}/check-in` did: the boarding passes of every passenger now checked in on the flight.
public struct CheckInView: Encodable, Sendable {
    public let orderId: String
    public let flightId: String
    public let boardingPasses: [BoardingPassView]
}

/// The body of `POST /v1/boarding/scans`: the string the gate's scanner read, and the flight boarding there.
public struct BoardingScanInput: Decodable, Sendable {
    public var barcode: String?
    public var flightId: String?

    public init(barcode: String?, flightId: String?) {
        self.barcode = barcode
        self.flightId = flightId
    }
}

/// An accepted scan: who boarded, where they sit.
public struct BoardingScanView: Encodable, Sendable {
    public let status: String
    public let flightId: String
    public let passengerName: String
    public let bookingReference: String
    public let seat: String?
    public let sequenceNumber: Int?
    public let boardedAt: String
}
