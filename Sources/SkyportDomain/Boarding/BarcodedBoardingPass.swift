/// An IATA Bar Coded Boarding Pass (Resolution 792, version 6): the string a boarding pass's PDF417 or QR code
/// carries, with the mandatory items of every leg and the conditional ones airlines fill in.
///
/// Layout: a 23-character unique mandatory part, then per leg a 37-character repeated mandatory part ending in the
/// size (two hex digits) of that leg's variable part. The first leg's variable part opens with `>`, the version and the
/// unique conditional items; every leg's then has its repeated conditional items and any airline data. Security data
/// (`^`, a type, a hex size, the data) may close the string. A conditional block is cut after its last item given.
public struct BarcodedBoardingPass: Sendable, Equatable {
    /// One flight of the pass.
    public struct Leg: Sendable, Equatable {
        /// The operating carrier's booking reference (up to 7).
        public var recordLocator: String
        public var origin: String
        public var destination: String
        /// The operating carrier's two- or three-character designator.
        public var operatingCarrier: String
        /// Four digits and an optional operational suffix (`0834`, `0012A`).
        public var flightNumber: String
        /// The departure date's day of the year (1–366).
        public var dayOfYear: Int
        /// The compartment's booking-class letter (`Y`, `J`, `F`).
        public var compartment: String
        /// `001A`, or `INF` for an infant without a seat.
        public var seat: String
        /// The order of check-in on the flight, with an optional suffix; nil for an infant.
        public var checkInSequence: String?
        /// `0` not checked in … `1` checked in, `3` bags checked, … (Resolution 792's passenger status).
        public var passengerStatus: String
        // Repeated conditional items, each optional.
        /// The three-digit accounting code of the ticket's issuer and the ticket's ten-digit serial.
        public var airlineNumericCode: String?
        public var documentSerialNumber: String?
        public var selecteeIndicator: String?
        public var internationalDocumentVerification: String?
        public var marketingCarrier: String?
        public var frequentFlyerAirline: String?
        public var frequentFlyerNumber: String?
        public var idIndicator: String?
        /// `2PC`, `20K`.
        public var freeBaggageAllowance: String?
        public var fastTrack: String?
        /// Free text for the airline's own use, after the standard items.
        public var airlineData: String?

        public init(recordLocator: String, origin: String, destination: String, operatingCarrier: String, flightNumber: String,
                    dayOfYear: Int, compartment: String, seat: String, checkInSequence: String?, passengerStatus: String) {
            self.recordLocator = recordLocator
            self.origin = origin
            self.destination = destination
            self.operatingCarrier = operatingCarrier
            self.flightNumber = flightNumber
            self.dayOfYear = dayOfYear
            self.compartment = compartment
            self.seat = seat
            self.checkInSequence = checkInSequence
            self.passengerStatus = passengerStatus
        }
    }

    /// `SURNAME/GIVEN NAMES`, cut to 20 characters.
    public var passengerName: String
    /// The Resolution 792 version of the conditional items (a pass read from elsewhere may be older).
    public var version = BarcodedBoardingPass.currentVersion
    public var electronicTicket = true
    public var legs: [Leg]
    // Unique conditional items, each optional.
    /// `0` adult, `1` male, `2` female, `3` child, `4` infant, …
    public var passengerDescription: String?
    /// Where the passenger checked in and where the pass was issued: `W` web, `K` kiosk, `M` mobile, `O` airport.
    public var checkInSource: String?
    public var issuanceSource: String?
    /// The pass's issue date: the year's last digit and the day of the year (`6341`).
    public var issueDate: String?
    /// `B` boarding pass, `I` itinerary receipt.
    public var documentType: String?
    public var issuer: String?
    /// Up to three 13-character baggage tag numbers (a licence plate and the count of consecutive tags).
    public var baggageTags: [String] = []
    /// The airline's signature over the pass, when it signs.
    public var security: (type: String, data: String)?

    public init(passengerName: String, legs: [Leg]) {
        self.passengerName = passengerName
        self.legs = legs
    }

    public static func == (lhs: BarcodedBoardingPass, rhs: BarcodedBoardingPass) -> Bool {
        lhs.passengerName == rhs.passengerName && lhs.version == rhs.version && lhs.electronicTicket == rhs.electronicTicket && lhs.legs == rhs.legs
            && lhs.passengerDescription == rhs.passengerDescription && lhs.checkInSource == rhs.checkInSource
            && lhs.issuanceSource == rhs.issuanceSource && lhs.issueDate == rhs.issueDate && lhs.documentType == rhs.documentType
            && lhs.issuer == rhs.issuer && lhs.baggageTags == rhs.baggageTags
            && lhs.security?.type == rhs.security?.type && lhs.security?.data == rhs.security?.data
    }

    /// The version of Resolution 792 this writes.
    public static let currentVersion = "6"
}

/// Why a string is not a boarding pass, or a pass cannot be written: the item and where it starts.
public struct BarcodedBoardingPassError: Error, Equatable, Sendable, CustomStringConvertible {
    public let item: String
    public let offset: Int
    public let reason: String

    public var description: String { "\(item) at character \(offset + 1): \(reason)" }
}
