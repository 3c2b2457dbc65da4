import SkyportDomain

/// The body of `POST /v1/orders`, as received (fields optional so that each gets a precise error).
public struct OrderInput: Decodable, Sendable {
    public struct Passenger: Decodable, Sendable {
        public var type: String?
        public var givenName: String?
        public var familyName: String?
        public var birthDate: String?
        public init(type: String?, givenName: String?, familyName: String?, birthDate: String? = nil) {
            self.type = type
            self.givenName = givenName
            self.familyName = familyName
            self.birthDate = birthDate
        }
    }

    public struct Contact: Decodable, Sendable {
        public var email: String?
        public var phoneNumber: String?
        public init(email: String?, phoneNumber: String?) {
            self.email = email
            self.phoneNumber = phoneNumber
        }
    }

    public struct Card: Decodable, Sendable {
        public var number: String?
        public var expiryMonth: Int?
        public var expiryYear: Int?
        public var cvc: String?
        public var holderName: String?
        public init(number: String?, expiryMonth: Int?, expiryYear: Int?, cvc: String?, holderName: String?) {
            self.number = number
            self.expiryMonth = expiryMonth
            self.expiryYear = expiryYear
            self.cvc = cvc
            self.holderName = holderName
        }
    }

    /// Miles from the signed-in member's own account: `award: true` for award seats (the miles from the award chart,
    /// the taxes by card), or `amount` miles for part of the fare.
    public struct Miles: Decodable, Sendable {
        public var membershipNumber: String?
        public var award: Bool?
        public var amount: Int?
        public init(membershipNumber: String?, award: Bool? = nil, amount: Int? = nil) {
            self.membershipNumber = membershipNumber
            self.award = award
            self.amount = amount
        }
    }

    public struct Payment: Decodable, Sendable {
        public var card: Card?
        public var miles: Miles?
        public init(card: Card?, miles: Miles? = nil) {
            self.card = card
            self.miles = miles
        }
    }

    public var offerId: String?
    public var passengers: [Passenger]?
    public var contact: Contact?
    public var payment: Payment?
    /// Seats chosen on the purchase page (optional; passengers by `passenger_index`).
    public var seats: [ServiceRequestInput.Seat]?
    /// Checked bags bought with the tickets (optional).
    public var bags: [ServiceRequestInput.Bags]?

    public init(offerId: String?, passengers: [Passenger]?, contact: Contact?, payment: Payment?,
                seats: [ServiceRequestInput.Seat]? = nil, bags: [ServiceRequestInput.Bags]? = nil) {
        self.offerId = offerId
        self.passengers = passengers
        self.contact = contact
        self.payment = payment
        self.seats = seats
        self.bags = bags
    }
}

/// A passenger ready to be ticketed.
public struct ValidPassenger: Sendable, Hashable {
    public let type: PassengerType
    public let givenName: String
    public let familyName: String
    public let birthDate: LocalDate?
}

/// How a member pays with miles.
public enum MilesUse: Sendable, Hashable {
    /// Award seats: the chart's miles for the fare, the taxes in cash.
    case award(MembershipNumber)
    /// These miles towards the fare, the rest in cash.
    case part(MembershipNumber, miles: Int)

    public var membershipNumber: MembershipNumber {
        switch self {
        case .award(let number), .part(let number, _): return number
        }
    }
}

/// An order request that passed validation.
public struct ValidOrder: Sendable {
    public let claims: OfferClaims
    public let passengers: [ValidPassenger]
    public let email: String
    public let phone: String
    /// Nil only when miles were given: a card is then needed for whatever they leave to pay.
    public let card: PaymentCard?
    public let miles: MilesUse?
}
