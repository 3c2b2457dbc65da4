/// What a boarding pass says about one checked-in passenger on one flight, and the Resolution 792 pass built from it.
public struct BoardingPassIssue: Sendable, Equatable {
    public let recordLocator: String
    public let givenName: String
    public let familyName: String
    public let passengerType: PassengerType
    /// Thirteen digits: the issuer's accounting code and the serial.
    public let ticketNumber: String
    public let carrier: String
    public let flightNumber: Int
    public let origin: String
    public let destination: String
    /// The local date of departure.
    public let departureDate: LocalDate
    public let bookingClass: String
    /// `23C`; nil for an infant on a lap.
    public let seat: String?
    /// The passenger's place in the flight's check-in order.
    public let checkInSequence: Int?
    public let checkedBags: Int
    /// The day the pass is issued (local, at the origin).
    public let issuedOn: LocalDate

    public init(recordLocator: String, givenName: String, familyName: String, passengerType: PassengerType, ticketNumber: String, carrier: String,
                flightNumber: Int, origin: String, destination: String, departureDate: LocalDate, bookingClass: String, seat: String?,
                checkInSequence: Int?, checkedBags: Int, issuedOn: LocalDate) {
        self.recordLocator = recordLocator
        self.givenName = givenName
        self.familyName = familyName
        self.passengerType = passengerType
        self.ticketNumber = ticketNumber
        self.carrier = carrier
        self.flightNumber = flightNumber
        self.origin = origin
        self.destination = destination
        self.departureDate = departureDate
        self.bookingClass = bookingClass
        self.seat = seat
        self.checkInSequence = checkInSequence
        self.checkedBags = checkedBags
        self.issuedOn = issuedOn
    }

    /// The day of the year of `date` (1–366), as boarding passes date flights.
    public static func dayOfYear(_ date: LocalDate) -> Int {
        date.daysSinceEpoch - LocalDate(year: date.year, month: 1, day: 1)!.daysSinceEpoch + 1
    }

    /// `23C` as a pass writes it: three digits of row and the letter (`023C`), or `INF` for an infant.
    public static func passSeat(_ seat: String?) -> String {
        guard let seat, let letter = seat.last, letter.isLetter, let row = Int(seat.dropLast()) else { return "INF" }
        return zeroPadded(row, width: 3) + String(letter)
    }

    /// The pass, unsigned: the mandatory items, the ticket, the bags, and where it was issued (web, boarding pass).
    public var pass: BarcodedBoardingPass {
        let name = "\(Self.ascii(familyName))/\(Self.ascii(givenName))"
        var leg = BarcodedBoardingPass.Leg(
            recordLocator: recordLocator, origin: origin, destination: destination, operatingCarrier: carrier, flightNumber: Self.zeroPadded(flightNumber, width: 4),
            dayOfYear: Self.dayOfYear(departureDate), compartment: bookingClass, seat: Self.passSeat(seat),
            checkInSequence: checkInSequence.map { Self.zeroPadded($0, width: 4) },
            passengerStatus: "1")
        leg.airlineNumericCode = String(ticketNumber.prefix(3))
        leg.documentSerialNumber = String(ticketNumber.dropFirst(3))
        leg.marketingCarrier = carrier
        leg.freeBaggageAllowance = "\(checkedBags)PC"
        var pass = BarcodedBoardingPass(passengerName: String(name.prefix(20)), legs: [leg])
        pass.passengerDescription = switch passengerType {
        case .adult: "0"
        case .child: "3"
        case .infantWithoutSeat: "4"
        }
        pass.checkInSource = "W"
        pass.issuanceSource = "W"
        pass.issueDate = "\(issuedOn.year % 10)" + Self.zeroPadded(Self.dayOfYear(issuedOn), width: 3)
        pass.documentType = "B"
        pass.issuer = carrier
        return pass
    }

    /// `number` with leading zeros to `width` digits (`0100`).
    static func zeroPadded(_ number: Int, width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Upper-case Latin letters and spaces, as passes print names.
    static func ascii(_ name: String) -> String {
        String(name.uppercased().filter { $0.isASCII && ($0.isLetter || $0 == " ") })
    }
}
